"""Shared helpers for the reference-value scripts (run with Debian's /usr/bin/python3).

Every script imports this module first: it pins torch to one thread and deterministic
algorithms, and provides the JSON conventions all reference files share:

- floats are written with Python's shortest round-trip repr (json.dumps of Python floats), so a
  float64 value parses back to the identical double; a float32 value is converted with float()
  (exact) and written the same way, so it parses to a double that is exactly representable as a
  float32 (cast it with (float) in Java to get the identical float32);
- tensors are flattened in row-major (C) order; shapes are given separately;
- NaN and infinities are refused (allow_nan=False), so a NaN anywhere fails the script.
"""

import json
import os
import sys

import numpy as np

try:
    import torch
except ImportError:  # pragma: no cover - a clear message for the wrong interpreter
    sys.exit("torch is missing: run these scripts with Debian's /usr/bin/python3 (torch 1.13.1)")

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

HERE = os.path.dirname(os.path.abspath(__file__))
WORKBENCH = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TORCH_OUT = os.path.join(WORKBENCH, "src", "test", "resources", "reference", "torch")
# The dataset library's own test resources: the label-noise files sit beside the generator's vectors.
MNIST1D_OUT = os.path.join(WORKBENCH, "mnist1d", "src", "test", "resources", "org", "mnist1d", "reference")


def versions():
    import scipy
    return {"torch": torch.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
            "python": sys.version.split()[0]}


def flat(t):
    """Row-major flat list of Python floats (exact for float32 and float64)."""
    if isinstance(t, torch.Tensor):
        t = t.detach().cpu()
        vals = t.reshape(-1).tolist()
    else:
        vals = np.asarray(t).reshape(-1).tolist()
    return [float(v) for v in vals]


def nested(t):
    """A tensor as nested lists of Python floats (row-major), for small 1-D/2-D arrays."""
    if isinstance(t, torch.Tensor):
        t = t.detach().cpu()
        if t.dim() == 0:
            return float(t.item())
        return [nested(r) for r in t] if t.dim() > 1 else [float(v) for v in t.tolist()]
    a = np.asarray(t)
    if a.ndim == 0:
        return float(a)
    return [nested(r) for r in a] if a.ndim > 1 else [float(v) for v in a.tolist()]


def tensor_entry(name, t):
    return {"name": name, "shape": list(t.shape), "values": flat(t)}


def write_json(path, obj):
    """Writes obj as compact JSON (one line per top-level key) with a trailing newline."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    parts = []
    for k, v in obj.items():
        parts.append(json.dumps(k) + ":" + json.dumps(v, allow_nan=False, separators=(",", ":")))
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    json.loads(text)  # round-trip sanity
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d bytes)" % (os.path.relpath(path, WORKBENCH), len(text.encode("utf-8"))))
    return text


def assert_close(a, b, rtol, atol, what):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape, "%s: shapes %s vs %s" % (what, a.shape, b.shape)
    bad = np.abs(a - b) > atol + rtol * np.abs(b)
    assert not bad.any(), "%s: max |diff| %g" % (what, np.max(np.abs(a - b)))


# --- model records ----------------------------------------------------------------------------

FULL_FLOAT32_GRADS_MAX_PARAMS = 6000


def param_count(model):
    return sum(p.numel() for p in model.parameters())


def record_model(name, model, x, forward, loss_fn, description, init, extra=None,
                 float32_grads=None, outputs=None, outputs32=None):
    """Records one model's parameters, outputs, loss and gradients in float64 and float32.

    model: an nn.Module built in float32 (torch's default), so its parameters are float32 values;
    the float64 run uses model.double() (an exact cast) and the float64 input x; the float32 run uses
    the float32 model and x cast to float32.
    forward(model, x) -> (main output, {name: intermediate tensor}); loss_fn(main output) -> scalar,
    or loss_fn None for a forward-only record (no loss, no gradients). outputs / outputs32: which
    intermediates to keep for float64 / float32 (None: all; outputs32 defaults to outputs).
    """
    if outputs32 is None:
        outputs32 = outputs
    import copy
    n = param_count(model)
    if float32_grads is None:
        float32_grads = n <= FULL_FLOAT32_GRADS_MAX_PARAMS
    rec = {"name": name, "description": description, "init": init, "param_count": n}
    if extra:
        rec.update(extra)
    rec["params"] = [tensor_entry(k, v) for k, v in model.state_dict().items()]
    results = {}
    for dtype, key in ((torch.float64, "float64"), (torch.float32, "float32")):
        m = copy.deepcopy(model).to(dtype)
        xin = x.to(dtype) if isinstance(x, torch.Tensor) else tuple(t.to(dtype) for t in x)
        m.zero_grad()
        out, inter = forward(m, xin)
        keep = outputs if key == "float64" else outputs32
        r = {}
        for k, v in inter.items():
            if keep is None or k in keep:
                r[k] = nested(v)
        grads = None
        if loss_fn is not None:
            loss = loss_fn(out)
            loss.backward()
            grads = [(k, p.grad.detach().clone()) for k, p in m.named_parameters()]
            for k, g in grads:
                assert torch.isfinite(g).all(), "%s %s: gradient of %s is not finite" % (name, key, k)
            r["loss"] = float(loss.item())
        results[key] = (r, grads, out)
    assert_close(flat(results["float32"][2]), flat(results["float64"][2]), 1e-4, 1e-5, name + " output f32/f64")
    if loss_fn is None:
        rec["float64"] = results["float64"][0]
        rec["float32"] = results["float32"][0]
        return rec
    g64 = results["float64"][1]
    results["float64"][0]["grads"] = [tensor_entry(k, g) for k, g in g64]
    r32, g32, _ = results["float32"]
    r32["grads_max_abs_diff_vs_float64"] = {
        k: float((a.double() - b).abs().max().item()) for (k, a), (_, b) in zip(g32, g64)}
    if float32_grads:
        r32["grads"] = [tensor_entry(k, g) for k, g in g32]
    else:
        r32["grads"] = None
        r32["grads_omitted"] = ("more than %d parameters: float32 gradients left out to keep the file small; "
                                "grads_max_abs_diff_vs_float64 says how far they are from the float64 ones"
                                % FULL_FLOAT32_GRADS_MAX_PARAMS)
    # float32 and float64 agree loosely
    assert_close(results["float32"][0]["loss"], results["float64"][0]["loss"], 1e-5, 1e-6, name + " loss f32/f64")
    for (k, a), (_, b) in zip(g32, g64):
        scale = max(1e-6, float(b.abs().max().item()))
        assert_close(flat(a) , flat(b), 0, 1e-4 * scale, "%s grad %s f32/f64" % (name, k))
    rec["float64"] = results["float64"][0]
    rec["float32"] = results["float32"][0]
    return rec


def directional_check(model, forward, loss_fn, x, what, seed=0, eps=1e-6):
    """Central finite difference of the float64 loss along one random direction vs autograd."""
    import copy
    m = copy.deepcopy(model).double()
    xin = x.double() if isinstance(x, torch.Tensor) else tuple(t.double() for t in x)
    params = list(m.parameters())
    gen = torch.Generator().manual_seed(seed)
    dirs = [torch.randn(p.shape, generator=gen, dtype=torch.float64) for p in params]
    m.zero_grad()
    loss_fn(forward(m, xin)[0]).backward()
    analytic = sum(float((p.grad * d).sum()) for p, d in zip(params, dirs))
    with torch.no_grad():
        for p, d in zip(params, dirs):
            p.add_(d, alpha=eps)
        lp = float(loss_fn(forward(m, xin)[0]))
        for p, d in zip(params, dirs):
            p.add_(d, alpha=-2 * eps)
        lm = float(loss_fn(forward(m, xin)[0]))
        for p, d in zip(params, dirs):
            p.add_(d, alpha=eps)
    numeric = (lp - lm) / (2 * eps)
    assert abs(numeric - analytic) <= 1e-5 * max(1.0, abs(analytic)), (what, numeric, analytic)
