"""Records the models the later experiments add (shared/spec/use-cases.md sections 1-4) in PyTorch:

- models-pooling-{no_pool,stride_2,max_pool,avg_pool,l2_pool}.json: the pooling notebook's
  ConvPooling(channels=20) variants (torch.manual_seed(0) inside the constructor, as upstream);
- models-pooling-l2-zero-windows.json: torch's lp_pool1d (norm 2, kernel 2) where whole windows
  are zero, on hand-made inputs and in a small ConvPooling with dead channels;
- models-double-descent.json: the double-descent MLP (n = 3, 12) and CNN (c = 2, 6);
- models-lottery.json: the lottery SparseMLP 40-16-16-10 with fixed 0/1 masks;
- models-simclr-{standard,none,deep}.json: the SimCLR encoder variants, forward only, every layer;
- infonce.json: the SSL notebook's InfoNCE loss on two fixed Z batches, and one end-to-end case
  (standard SimCLR encoder on two views -> loss -> gradients of all parameters).

Run: /usr/bin/python3 workbench/src/test/python/torch_models_experiments.py
"""

import os

import numpy as np
import torch.nn as nn
import torch.nn.functional as F

import reflib
from reflib import torch
from torch_models_benchmark import np_conv1d

OUT = reflib.TORCH_OUT
GEN = "workbench/src/test/python/torch_models_experiments.py"


def batch(seed, n, length=40):
    rs = np.random.RandomState(seed)
    x = rs.randn(n, length)
    y = rs.randint(0, 10, size=n)
    return torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.long)


def write(name, doc):
    reflib.write_json(os.path.join(OUT, name), doc)


def header(about, x=None, y=None):
    doc = {"about": about, "generator": GEN, "versions": reflib.versions()}
    if x is not None:
        doc["x"] = reflib.nested(x)
    if y is not None:
        doc["y"] = [int(v) for v in y]
    return doc


def logits_forward(m, xin):
    out = m(xin)
    return out, {"logits": out}


# --- 1. pooling ---------------------------------------------------------------------------------

def l2_pool(h):
    return F.lp_pool1d(h, norm_type=2, kernel_size=2)


POOLS = {
    "no_pool": (1, None, 800),
    "stride_2": (2, None, 200),
    "max_pool": (1, lambda h: F.max_pool1d(h, 2), 200),
    "avg_pool": (1, lambda h: F.avg_pool1d(h, 2), 200),
    "l2_pool": (1, l2_pool, 200),
}


class ConvPooling(nn.Module):
    def __init__(self, channels=20, stride=1, pool=None, linear_in=200, seed=0):
        super().__init__()
        torch.manual_seed(seed)
        self.conv1 = nn.Conv1d(1, channels, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv1d(channels, channels, 3, stride=stride, padding=1)
        self.linear = nn.Linear(linear_in, 10)
        self.pool = pool if pool is not None else (lambda h: h)

    def layers(self, x):
        h1 = self.pool(F.relu(self.conv1(x.view(x.shape[0], 1, x.shape[-1]))))
        h2 = self.pool(F.relu(self.conv2(h1)))
        return h1, h2, self.linear(h2.view(h2.shape[0], -1))

    def forward(self, x):
        return self.layers(x)[2]


def pooling_forward(m, xin):
    h1, h2, out = m.layers(xin)
    return out, {"h1": h1, "h2": h2, "logits": out}


def np_pool(kind, h):
    if kind in ("no_pool", "stride_2"):
        return h
    pairs = h[:, :, : h.shape[2] // 2 * 2].reshape(h.shape[0], h.shape[1], -1, 2)
    if kind == "max_pool":
        return pairs.max(axis=3)
    if kind == "avg_pool":
        return pairs.mean(axis=3)
    return np.sqrt((pairs ** 2).sum(axis=3))


def np_pooling_forward(kind, p, x):
    stride = POOLS[kind][0]
    h = x[:, None, :]
    h = np_pool(kind, np.maximum(np_conv1d(h, p["conv1.weight"], p["conv1.bias"], stride, 1), 0))
    h = np_pool(kind, np.maximum(np_conv1d(h, p["conv2.weight"], p["conv2.bias"], stride, 1), 0))
    return h.reshape(h.shape[0], -1) @ p["linear.weight"].T + p["linear.bias"]


def zero_windows(h_pre_pool):
    """Number of kernel-2 windows of a (B,C,L) post-relu tensor that are entirely zero."""
    a = h_pre_pool[:, :, : h_pre_pool.shape[2] // 2 * 2].reshape(h_pre_pool.shape[0], h_pre_pool.shape[1], -1, 2)
    return int(((a == 0).all(dim=3)).sum())


def pooling():
    x, y = batch(101, 4)
    loss_fn = lambda out: F.cross_entropy(out, y)
    desc = ("ConvPooling: x viewed as (B,1,40); h1 = pool(relu(conv1: Conv1d(1,20,3,stride,p1))); "
            "h2 = pool(relu(conv2: Conv1d(20,20,3,stride,p1))); logits = linear(h2.view(B,-1)) with "
            "linear: Linear(linear_in,10); the flattened feature index is c*L + l")
    ref = None
    for kind, (stride, pool, linear_in) in POOLS.items():
        model = ConvPooling(20, stride, pool, linear_in, seed=0)
        reflib.directional_check(model, pooling_forward, loss_fn, x, kind)
        extra = {"variant": kind, "channels": 20, "stride": stride, "linear_in": linear_in,
                 "pool": {"no_pool": "identity", "stride_2": "identity", "max_pool": "F.max_pool1d(h, 2)",
                          "avg_pool": "F.avg_pool1d(h, 2)",
                          "l2_pool": "F.lp_pool1d(h, norm_type=2, kernel_size=2)"}[kind]}
        if kind == "l2_pool":
            with torch.no_grad():
                m64 = model.double()
                a1 = F.relu(m64.conv1(x.view(4, 1, 40)))
                a2 = F.relu(m64.conv2(l2_pool(a1)))
                model.float()
            extra["zero_windows"] = {"layer1": zero_windows(a1), "layer2": zero_windows(a2)}
        rec = reflib.record_model(kind, model, x, pooling_forward, loss_fn, desc,
                                  "ConvPooling(channels=20, ...) calls torch.manual_seed(0) first, then builds "
                                  "conv1, conv2, linear (torch's default init, float32)",
                                  extra=extra, outputs32=["logits"])
        params = {e["name"]: np.array(e["values"]).reshape(e["shape"]) for e in rec["params"]}
        reflib.assert_close(np_pooling_forward(kind, params, x.numpy()), rec["float64"]["logits"], 1e-12, 1e-12,
                            kind + " logits vs NumPy")
        # every variant shares the convs' initial values (same seed, same shapes)
        if ref is None:
            ref = params
        for k in ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"):
            assert np.array_equal(ref[k], params[k])
        doc = header("PyTorch reference for the pooling notebook's ConvPooling variant '%s': parameters, "
                     "h1 and h2 (after pooling, float64 only), logits, mean cross-entropy and its gradients"
                     % kind, x, y)
        doc["model"] = rec
        write("models-pooling-%s.json" % kind, doc)


def l2_zero_windows():
    v = torch.tensor([[[-1.0, -2.0, 0.5, -0.3, 1.5, 2.0, 0.0, 0.0],
                       [0.0, -0.7, 3.0, 4.0, -1.0, 0.25, -2.0, -0.5]]], dtype=torch.float64)
    c = torch.tensor([[[1.0, -2.0, 0.5, 3.0], [-1.0, 2.0, 1.5, -0.5]]], dtype=torch.float64)
    ops = []
    for name, pre, desc in (
            ("relu_then_lp", F.relu, "out = F.lp_pool1d(F.relu(v), norm_type=2, kernel_size=2); "
                                     "loss = sum(c * out); grad = d loss / d v"),
            ("lp_direct", lambda t: t, "out = F.lp_pool1d(v, norm_type=2, kernel_size=2) (no relu); "
                                       "loss = sum(c * out); grad = d loss / d v")):
        case = {"name": name, "description": desc, "v_shape": list(v.shape), "c_shape": list(c.shape)}
        for dtype, key in ((torch.float64, "float64"), (torch.float32, "float32")):
            vv = v.to(dtype).clone().requires_grad_(True)
            out = F.lp_pool1d(pre(vv), norm_type=2, kernel_size=2)
            (c.to(dtype) * out).sum().backward()
            assert torch.isfinite(vv.grad).all(), (name, key, vv.grad)
            case[key] = {"v": reflib.flat(vv), "c": reflib.flat(c.to(dtype)), "out": reflib.flat(out),
                         "grad_v": reflib.flat(vv.grad)}
        # expectations: out = sqrt(a^2 + b^2) per window; gradient 0 on all-zero windows, not NaN
        pre64 = pre(v).reshape(2, 4, 2)
        expect = torch.sqrt((pre64 ** 2).sum(dim=2)).reshape(-1)
        reflib.assert_close(case["float64"]["out"], reflib.flat(expect), 1e-15, 1e-15, name + " out")
        g = torch.tensor(case["float64"]["grad_v"]).reshape(2, 4, 2)
        for ch in range(2):
            for w in range(4):
                if (pre64[ch, w] == 0).all():
                    assert (g[ch, w] == 0).all(), (name, ch, w, g[ch, w])
        ops.append(case)

    # the naive form sqrt(a^2 + b^2): NaN gradients at all-zero windows of the raw input; after a relu
    # the NaN is masked by relu's backward (threshold_backward writes 0 where the input is <= 0)
    naive = {}
    for name, pre in (("relu_then_lp", F.relu), ("lp_direct", lambda t: t)):
        vv = v.clone().requires_grad_(True)
        s = torch.sqrt((pre(vv).reshape(1, 2, 4, 2) ** 2).sum(dim=3))
        (c * s).sum().backward()
        naive[name] = int(torch.isnan(vv.grad).sum())
    assert naive["lp_direct"] > 0 and naive["relu_then_lp"] == 0, naive

    # a small ConvPooling with l2 pooling and dead channels: conv1 channels 1 and 3 and conv2
    # channel 2 have bias -100, so their relu outputs, and every pooling window on them, are zero
    x, y = batch(102, 4)
    model = ConvPooling(4, 1, l2_pool, 40, seed=0)
    with torch.no_grad():
        model.conv1.bias[1] = -100.0
        model.conv1.bias[3] = -100.0
        model.conv2.bias[2] = -100.0
    loss_fn = lambda out: F.cross_entropy(out, y)
    reflib.directional_check(model, pooling_forward, loss_fn, x, "l2 dead channels")
    with torch.no_grad():
        m64 = ConvPooling(4, 1, l2_pool, 40, seed=0)
        m64.load_state_dict(model.state_dict())
        m64 = m64.double()
        a1 = F.relu(m64.conv1(x.view(4, 1, 40)))
        a2 = F.relu(m64.conv2(l2_pool(a1)))
    rec = reflib.record_model(
        "l2_pool_dead_channels", model, x, pooling_forward, loss_fn,
        "ConvPooling(channels=4, stride=1, pool=F.lp_pool1d(h, norm_type=2, kernel_size=2), linear_in=40): "
        "h1 (B,4,20), h2 (B,4,10), logits = Linear(40,10)(h2.view(B,-1))",
        "ConvPooling(4, ...) with torch.manual_seed(0) first (torch's default init, float32), then "
        "conv1.bias[1] = conv1.bias[3] = conv2.bias[2] = -100",
        extra={"channels": 4, "stride": 1, "linear_in": 40,
               "zero_windows": {"layer1": zero_windows(a1), "layer2": zero_windows(a2)}})
    for e in rec["float64"]["grads"]:
        if e["name"] == "conv1.weight":
            w = np.array(e["values"]).reshape(e["shape"])
            assert (w[1] == 0).all() and (w[3] == 0).all()
    doc = header("torch's lp_pool1d (norm 2, kernel 2) gradient where whole windows are zero: hand-made "
                 "op-level cases and a small ConvPooling with dead channels")
    doc["op_cases"] = ops
    doc["naive_sqrt_nan_gradients"] = (
        "for comparison, torch autograd of the naive sqrt(a^2 + b^2): %d NaN gradient entries for lp_direct "
        "(an all-zero window of the raw input); %d for relu_then_lp (relu's backward writes 0 where its input "
        "is <= 0, which hides the NaN). torch's lp_pool1d = (sign(s) * relu(|s|)).mul(2).pow(0.5) with "
        "s = avg_pool1d(h^2, 2) gives 0 in both" % (naive["lp_direct"], naive["relu_then_lp"]))
    doc["x"] = reflib.nested(x)
    doc["y"] = [int(t) for t in y]
    doc["model"] = rec
    write("models-pooling-l2-zero-windows.json", doc)


# --- 2. double descent --------------------------------------------------------------------------

def dd_mlp(n):
    return nn.Sequential(nn.Linear(40, n), nn.ReLU(), nn.Linear(n, n), nn.ReLU(), nn.Linear(n, 10))


def dd_cnn(c):
    return nn.Sequential(nn.Conv1d(1, c, 5, stride=2, padding=1), nn.ReLU(),
                         nn.Conv1d(c, c, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv1d(c, c, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Flatten(), nn.Linear(5 * c, 10))


def double_descent():
    x, y = batch(201, 6)
    loss_fn = lambda out: F.cross_entropy(out, y)
    models = []
    for kind, width, seed in (("mlp", 3, 10), ("mlp", 12, 11), ("cnn", 2, 12), ("cnn", 6, 13)):
        torch.manual_seed(seed)
        if kind == "mlp":
            model = dd_mlp(width)
            fwd = logits_forward
            desc = ("nn.Sequential(Linear(40,n), ReLU, Linear(n,n), ReLU, Linear(n,10)), no residual; "
                    "parameter names are the Sequential indices 0, 2, 4")
        else:
            model = dd_cnn(width)
            fwd = lambda m, xin: logits_forward(m, xin.view(xin.shape[0], 1, xin.shape[-1]))
            desc = ("x viewed as (B,1,40); nn.Sequential(Conv1d(1,c,5,s2,p1), ReLU, Conv1d(c,c,3,s2,p1), ReLU, "
                    "Conv1d(c,c,3,s2,p1), ReLU, Flatten, Linear(5c,10)): lengths 40, 19, 10, 5, flatten index "
                    "ch*5 + l; parameter names are the Sequential indices 0, 2, 4, 7")
        reflib.directional_check(model, fwd, loss_fn, x, "dd %s %d" % (kind, width))
        rec = reflib.record_model("%s_%d" % (kind, width), model, x, fwd, loss_fn, desc,
                                  "torch.manual_seed(%d); then the Sequential (torch's default init, float32)" % seed,
                                  extra={"kind": kind, "width": width})
        models.append(rec)
    doc = header("PyTorch reference for the double-descent notebook's MLP (width n) and CNN (c channels)", x, y)
    doc["models"] = models
    write("models-double-descent.json", doc)


# --- 3. lottery SparseMLP -----------------------------------------------------------------------

class SparseMlp(nn.Module):
    """40-H-H-10 with residual; masks multiply the parameters before every forward."""

    def __init__(self, hidden):
        super().__init__()
        self.linear1 = nn.Linear(40, hidden)
        self.linear2 = nn.Linear(hidden, hidden)
        self.linear3 = nn.Linear(hidden, 10)
        self.masks = None

    def forward(self, x):
        p = {k: v * self.masks[k].to(v.dtype) for k, v in self.named_parameters()} if self.masks else \
            dict(self.named_parameters())
        h = F.relu(F.linear(x, p["linear1.weight"], p["linear1.bias"]))
        h = h + F.relu(F.linear(h, p["linear2.weight"], p["linear2.bias"]))
        return F.linear(h, p["linear3.weight"], p["linear3.bias"])


def lottery():
    hidden = 16
    x, y = batch(301, 6)
    loss_fn = lambda out: F.cross_entropy(out, y)
    torch.manual_seed(20)
    model = SparseMlp(hidden)
    rs = np.random.RandomState(302)
    masks = {}
    for k, p in model.named_parameters():
        masks[k] = torch.tensor((rs.rand(*p.shape) < 0.6).astype(np.float64))
    model.masks = masks
    reflib.directional_check(model, logits_forward, loss_fn, x, "lottery")
    rec = reflib.record_model(
        "sparse_mlp_16", model, x, logits_forward, loss_fn,
        "SparseMLP 40-16-16-10: w' = mask * w for every weight and bias; h = relu(linear1' x); "
        "h = h + relu(linear2' h); logits = linear3' h",
        "torch.manual_seed(20); linear1, linear2, linear3 (torch's default init, float32); masks from "
        "NumPy RandomState(302): rand(shape) < 0.6, one draw per parameter in state_dict order",
        extra={"hidden": hidden,
               "masks": [{"name": k, "shape": list(m.shape), "values": [int(v) for v in m.reshape(-1).tolist()]}
                         for k, m in masks.items()]})
    # the gradient at the masked point (upstream replaces param.data by mask * param, so this is what
    # its .grad holds): the same model with masked values and no mask
    for key, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        plain = SparseMlp(hidden).to(dtype)
        with torch.no_grad():
            for k, p in plain.named_parameters():
                p.copy_(dict(model.named_parameters())[k].to(dtype) * masks[k].to(dtype))
        out = plain(x.to(dtype))
        F.cross_entropy(out, y).backward()
        # float64: bit-identical; float32: the BLAS kernels may round differently for differently placed
        # operands (seen: 1 ulp), so loosely
        tol = 0 if key == "float64" else 1e-6
        reflib.assert_close(reflib.flat(out), np.array(rec[key]["logits"]).reshape(-1), tol, tol, "masked logits")
        at_masked = [reflib.tensor_entry(k, p.grad) for k, p in plain.named_parameters()]
        rec[key]["grads_at_masked_params"] = at_masked
        for e_masked, e in zip(at_masked, rec[key]["grads"]):
            mvals = masks[e["name"]].reshape(-1).tolist()
            reflib.assert_close(e["values"], [m * g for m, g in zip(mvals, e_masked["values"])], tol, tol * 1e-2,
                                "grads = mask * grads_at_masked_params " + e["name"])
    doc = header("PyTorch reference for the lottery notebook's SparseMLP (hidden 16 here) with fixed masks", x, y)
    doc["model"] = rec
    write("models-lottery.json", doc)


# --- 4. SimCLR and InfoNCE ----------------------------------------------------------------------

SIMCLR_CHANNELS = 25
SIMCLR_HIDDEN = 32
SIMCLR_OUT = 16
SIMCLR_SEED = 42


class SimClr(nn.Module):
    def __init__(self, variant, channels=SIMCLR_CHANNELS, hidden=SIMCLR_HIDDEN, out=SIMCLR_OUT):
        super().__init__()
        self.variant = variant
        self.conv1 = nn.Conv1d(1, channels, 5, stride=2, padding=1)
        self.conv2 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.conv3 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        if variant == "standard":
            self.linear1 = nn.Linear(channels * 5, hidden)
            self.linear2 = nn.Linear(hidden, out)
        elif variant == "deep":
            self.linear1 = nn.Linear(channels * 5, hidden)
            self.linear2 = nn.Linear(hidden, hidden)
            self.linear3 = nn.Linear(hidden, hidden)
            self.linear4 = nn.Linear(hidden, out)

    def layers(self, x):
        h = x.view(x.shape[0], 1, x.shape[-1])
        h1 = F.relu(self.conv1(h))
        h2 = F.relu(self.conv2(h1))
        h3 = F.relu(self.conv3(h2))
        out = {"h1": h1.reshape(h1.shape[0], -1), "h2": h2.reshape(h2.shape[0], -1),
               "h3": h3.reshape(h3.shape[0], -1)}
        z = out["h3"]
        if self.variant == "standard":
            out["p1"] = F.relu(self.linear1(z))
            out["p2"] = self.linear2(out["p1"])
            z = out["p2"]
        elif self.variant == "deep":
            out["p1"] = F.relu(self.linear1(z))
            out["p2"] = F.relu(self.linear2(out["p1"]))
            out["p3"] = F.relu(self.linear3(out["p2"]))
            out["p4"] = self.linear4(out["p3"])
            z = out["p4"]
        out["H"] = out["h3"]
        out["Z"] = z
        return z, out

    def forward(self, x):
        return self.layers(x)[0]


SIMCLR_DESC = {
    "standard": "h1 = relu(conv1: Conv1d(1,25,5,s2,p1)) (B,25,19); h2 = relu(conv2: Conv1d(25,25,3,s2,p1)) "
                "(B,25,10); h3 = relu(conv3: Conv1d(25,25,3,s2,p1)) (B,25,5); H = h3.view(B,-1) (125, index "
                "c*5+l); p1 = relu(linear1: Linear(125,32) H); Z = p2 = linear2: Linear(32,16) p1",
    "none": "the standard convolutions only: h1, h2, H = h3 flat (125); Z = H (no projector)",
    "deep": "the standard convolutions, H = h3 flat (125); p1 = relu(linear1: Linear(125,32) H); "
            "p2 = relu(linear2: Linear(32,32) p1); p3 = relu(linear3: Linear(32,32) p2); "
            "Z = p4 = linear4: Linear(32,16) p3",
}


def simclr_forward(m, xin):
    return m.layers(xin)


def simclr():
    x, _ = batch(401, 4)
    for variant in ("standard", "none", "deep"):
        torch.manual_seed(SIMCLR_SEED)
        model = SimClr(variant)
        rec = reflib.record_model(
            variant, model, x, simclr_forward, None, SIMCLR_DESC[variant],
            "torch.manual_seed(%d); conv1, conv2, conv3, then the projector's linears in order (torch's default "
            "init, float32): every variant has the same convolution weights" % SIMCLR_SEED,
            extra={"variant": variant, "channels": SIMCLR_CHANNELS, "hidden_dim": SIMCLR_HIDDEN,
                   "output_dim": SIMCLR_OUT,
                   "layer_order": [k for k in simclr_forward(model, x.float())[1] if k not in ("H", "Z")]},
            outputs=None, outputs32=["H", "Z"])
        doc = header("PyTorch reference for the SSL notebook's SimCLR encoder, variant '%s' (projector hidden "
                     "width %d instead of 125, to keep the file small): parameters and every layer's output "
                     "(float32: H and Z only)" % (variant, SIMCLR_HIDDEN), x)
        doc["model"] = rec
        write("models-simclr-%s.json" % variant, doc)


TAU = 0.5


def info_nce(z1, z2, tau=TAU):
    o1 = F.normalize(z1, dim=1)
    o2 = F.normalize(z2, dim=1)
    scores = o1 @ o2.T
    sims = torch.exp(scores / tau)
    loss = torch.mean(-torch.log(torch.diag(sims)) + torch.log(torch.sum(sims, dim=1)))
    return loss, scores


def np_info_nce(z1, z2, tau=TAU):
    o1 = z1 / np.maximum(np.linalg.norm(z1, axis=1, keepdims=True), 1e-12)
    o2 = z2 / np.maximum(np.linalg.norm(z2, axis=1, keepdims=True), 1e-12)
    s = np.exp(o1 @ o2.T / tau)
    return float(np.mean(-np.log(np.diag(s)) + np.log(s.sum(axis=1))))


def infonce():
    rs = np.random.RandomState(501)
    za = rs.randn(6, 16)
    zb = rs.randn(6, 16)
    zc = za + 0.3 * rs.randn(6, 16)
    cases = []
    for name, z1, z2 in (("independent", za, zb), ("correlated", za, zc)):
        case = {"name": name, "shape": [6, 16]}
        for dtype, key in ((torch.float64, "float64"), (torch.float32, "float32")):
            t1 = torch.tensor(z1, dtype=torch.float64).to(dtype).requires_grad_(True)
            t2 = torch.tensor(z2, dtype=torch.float64).to(dtype).requires_grad_(True)
            loss, scores = info_nce(t1, t2)
            loss.backward()
            case[key] = {"z1": reflib.nested(t1), "z2": reflib.nested(t2), "scores": reflib.nested(scores),
                         "loss": float(loss.item()), "grad_z1": reflib.nested(t1.grad),
                         "grad_z2": reflib.nested(t2.grad)}
        reflib.assert_close(case["float64"]["loss"], np_info_nce(z1, z2), 1e-14, 1e-14, name + " loss vs NumPy")
        reflib.assert_close(case["float32"]["loss"], case["float64"]["loss"], 1e-5, 1e-6, name + " f32")
        # finite differences on two entries of z1 and z2
        for which, idx in ((0, (1, 3)), (1, (4, 10))):
            e = 1e-6
            zp = [z1.copy(), z2.copy()]
            zm = [z1.copy(), z2.copy()]
            zp[which][idx] += e
            zm[which][idx] -= e
            fd = (np_info_nce(*zp) - np_info_nce(*zm)) / (2 * e)
            g = case["float64"]["grad_z%d" % (which + 1)][idx[0]][idx[1]]
            assert abs(fd - g) < 1e-7, (name, which, fd, g)
        cases.append(case)

    # end to end: the standard SimCLR encoder (the same weights as models-simclr-standard.json)
    rs = np.random.RandomState(502)
    x1 = torch.tensor(rs.randn(4, 40), dtype=torch.float64)
    x2 = torch.tensor(rs.randn(4, 40), dtype=torch.float64)
    torch.manual_seed(SIMCLR_SEED)
    model = SimClr("standard")

    def e2e_forward(m, xs):
        z1 = m(xs[0])
        z2 = m(xs[1])
        return torch.stack([z1, z2]), {"z1": z1, "z2": z2}

    loss_fn = lambda zz: info_nce(zz[0], zz[1])[0]
    reflib.directional_check(model, e2e_forward, loss_fn, (x1, x2), "infonce e2e")
    rec = reflib.record_model(
        "simclr_standard_infonce", model, (x1, x2), e2e_forward, loss_fn,
        "z1 = SimCLR_standard(x1), z2 = SimCLR_standard(x2) (see models-simclr-standard.json); "
        "loss = InfoNCE(z1, z2, tau 0.5)",
        "torch.manual_seed(%d); SimCLR standard (channels 25, hidden_dim %d, output_dim 16): the same "
        "parameters as models-simclr-standard.json" % (SIMCLR_SEED, SIMCLR_HIDDEN))
    doc = header("PyTorch reference for the SSL notebook's InfoNCE loss (tau 0.5, cross-view negatives only)")
    doc["tau"] = TAU
    doc["formula"] = ("o1 = F.normalize(z1, dim=1); o2 = F.normalize(z2, dim=1) (x / max(||x||_2, 1e-12)); "
                      "scores = o1 @ o2.T; sims = exp(scores / tau); "
                      "loss = mean_i(-log sims[i,i] + log sum_j sims[i,j])")
    doc["cases"] = cases
    doc["end_to_end"] = {"x1": reflib.nested(x1), "x2": reflib.nested(x2), "model": rec}
    write("infonce.json", doc)


def main():
    pooling()
    l2_zero_windows()
    double_descent()
    lottery()
    simclr()
    infonce()


if __name__ == "__main__":
    main()
