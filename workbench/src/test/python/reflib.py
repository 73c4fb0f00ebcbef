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
MNIST1D_OUT = os.path.join(WORKBENCH, "src", "test", "resources", "reference", "mnist1d")


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
