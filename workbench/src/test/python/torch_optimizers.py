"""Records torch.optim step-by-step reference values: reference/torch/optimizers.json.

One parameter vector of 7 values and 5 gradient vectors (NumPy seed 1234, with a zero, a large
and some tiny entries mixed in) are fed, one gradient per step, to each optimizer case, in
float64 and in float32 (the float32 inputs are the float64 ones cast to float32). After every
step the parameters and the optimizer's state are recorded.

Run: /usr/bin/python3 workbench/src/test/python/torch_optimizers.py
"""

import math
from fractions import Fraction

import numpy as np

import reflib
from reflib import torch

N_PARAMS = 7
N_STEPS = 5


def inputs():
    rs = np.random.RandomState(1234)
    p0 = rs.randn(N_PARAMS)
    g = rs.randn(N_STEPS, N_PARAMS)
    g[2, 3] = 0.0          # an exactly zero gradient entry
    g[1, 5] = 50.0         # a large one
    g[:, 6] *= 1e-6        # tiny gradients: eps matters for RMSprop/Adam
    return p0, g


CASES = [
    # name, constructor, hyper-parameters (as passed), initial-state note
    ("sgd_lr0.1", "SGD", {"lr": 0.1}),
    ("sgd_momentum_lr0.01_m0.9", "SGD", {"lr": 0.01, "momentum": 0.9}),
    ("rmsprop_lr0.01_alpha0.99", "RMSprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    ("rmsprop_ones_lr0.01_alpha0.4", "RMSprop", {"lr": 0.01, "alpha": 0.4, "eps": 1e-8}),
    ("adam_lr0.01", "Adam", {"lr": 0.01}),
    ("adam_lr0.02", "Adam", {"lr": 0.02}),
]


def state_json(state):
    out = {}
    for k in sorted(state):
        v = state[k]
        if v is None:
            out[k] = None
        elif isinstance(v, torch.Tensor):
            out[k] = float(v.item()) if v.dim() == 0 else reflib.flat(v)
        elif isinstance(v, int):
            out[k] = v
        else:
            out[k] = float(v)
    return out


def run_case(name, kind, hyper, dtype, p0, grads):
    p = torch.nn.Parameter(torch.tensor(p0, dtype=torch.float64).to(dtype))
    opt = getattr(torch.optim, kind)([p], **hyper)
    ones_init = name.startswith("rmsprop_ones")
    if ones_init:
        # torch 1.13's RMSprop initialises {'step': 0, 'square_avg': zeros} only when the state is
        # empty, so a pre-populated state is used as is.
        opt.state[p] = {"step": 0, "square_avg": torch.ones_like(p)}
    rec = {"params0": reflib.flat(p), "grads": [], "steps": []}
    for s in range(N_STEPS):
        g = torch.tensor(grads[s], dtype=torch.float64).to(dtype)
        rec["grads"].append(reflib.flat(g))
        p.grad = g.clone()
        opt.step()
        entry = {"step": s + 1, "params": reflib.flat(p), "state": state_json(opt.state[p])}
        if kind == "Adam":
            # what torch 1.13's _single_tensor_adam computes in Python doubles at this step
            beta1, beta2 = opt.param_groups[0]["betas"]
            step = float(s + 1)
            bc1 = 1 - beta1 ** step
            bc2 = 1 - beta2 ** step
            entry["derived"] = {"bias_correction1": bc1, "bias_correction2": bc2,
                                "step_size": hyper["lr"] / bc1, "bias_correction2_sqrt": math.sqrt(bc2)}
        rec["steps"].append(entry)
    full_hyper = {k: (list(v) if isinstance(v, tuple) else v) for k, v in opt.param_groups[0].items()
                  if k != "params" and isinstance(v, (int, float, tuple, bool)) and v is not None}
    return rec, full_hyper


# --- independent by-hand re-computations, to check the recorded values ----------------------------
# Elementwise in Python floats, with the rounding of torch 1.13's CPU kernels as measured on the
# machine that wrote the file: add_(x, alpha=a) is fma(a, x, self); addcmul_(t1, t2, value=v) is
# fma(v*t1, t2, self); addcdiv_(t1, t2, value=v) is self + (v*t1)/t2, every operation rounded.
# In float32 every Python-double constant (lr, 1 - alpha, 1 - beta, eps, Adam's step_size and
# sqrt(bias_correction2)) is first rounded to float32 and every operation rounds to float32.
# The script requires agreement to 1e-13 (float64) and prints how many values match bit for bit.

def r64(v):
    return v


def r32(v):
    return float(np.float32(v))


def fma(a, b, c, rnd=r64):
    """a*b + c with one rounding (exact rational arithmetic, then one correct rounding)."""
    return rnd(float(Fraction(a) * Fraction(b) + Fraction(c)))


def by_hand(kind, hyper, p0, grads, ones_init, rnd=r64):
    n = len(p0)
    p = [rnd(float(v)) for v in p0]
    lr = rnd(hyper["lr"])
    buf = None
    s = [1.0 if ones_init else 0.0] * n
    m = [0.0] * n
    v = [0.0] * n
    out = []
    for k in range(N_STEPS):
        g = [rnd(float(x)) for x in grads[k]]
        if kind == "SGD":
            mom = rnd(hyper.get("momentum", 0.0))
            if mom:
                buf = list(g) if buf is None else [fma(1.0, g[i], rnd(buf[i] * mom), rnd) for i in range(n)]
                p = [fma(-lr, buf[i], p[i], rnd) for i in range(n)]
            else:
                p = [fma(-lr, g[i], p[i], rnd) for i in range(n)]
        elif kind == "RMSprop":
            a = hyper["alpha"]
            s = [fma(rnd(rnd(1 - a) * g[i]), g[i], rnd(s[i] * rnd(a)), rnd) for i in range(n)]
            eps = rnd(hyper["eps"])
            p = [rnd(p[i] + rnd(rnd(-lr * g[i]) / rnd(rnd(math.sqrt(s[i])) + eps))) for i in range(n)]
        else:
            b1, b2, eps = 0.9, 0.999, rnd(1e-8)
            m = [fma(rnd(1 - b1), g[i], rnd(m[i] * rnd(b1)), rnd) for i in range(n)]
            v = [fma(rnd(rnd(1 - b2) * g[i]), g[i], rnd(v[i] * rnd(b2)), rnd) for i in range(n)]
            step = float(k + 1)
            bc1 = 1 - b1 ** step
            bc2 = 1 - b2 ** step
            step_size = rnd(hyper["lr"] / bc1)
            bc2_sqrt = rnd(math.sqrt(bc2))
            denom = [rnd(rnd(rnd(math.sqrt(v[i])) / bc2_sqrt) + eps) for i in range(n)]
            p = [rnd(p[i] + rnd(rnd(-step_size * m[i]) / denom[i])) for i in range(n)]
        out.append(list(p))
    return out


def main():
    p0, grads = inputs()
    cases = []
    exact = [0, 0, 0]
    for name, kind, hyper in CASES:
        case = {"name": name, "optimizer": "torch.optim." + kind, "hyper_given": hyper}
        ones_init = name.startswith("rmsprop_ones")
        case["initial_state"] = ("square_avg = ones, step = 0 (pre-populated opt.state[p])" if ones_init
                                 else "torch default (created at the first step)")
        for dtype, key in ((torch.float64, "float64"), (torch.float32, "float32")):
            rec, full_hyper = run_case(name, kind, hyper, dtype, p0, grads)
            case["hyper"] = full_hyper
            case[key] = rec
        # checks: by-hand float64 values; float32 agrees with float64 loosely
        expect = by_hand(kind, hyper, p0, grads, ones_init)
        expect32 = by_hand(kind, hyper, p0, grads, ones_init, r32)
        for k in range(N_STEPS):
            reflib.assert_close(case["float64"]["steps"][k]["params"], expect[k], 1e-13, 1e-15,
                                "%s step %d by hand" % (name, k + 1))
            exact[0] += sum(a == b for a, b in zip(case["float64"]["steps"][k]["params"], expect[k]))
            exact[1] += N_PARAMS
            exact[2] += sum(a == b for a, b in zip(case["float32"]["steps"][k]["params"], expect32[k]))
            reflib.assert_close(case["float32"]["steps"][k]["params"], case["float64"]["steps"][k]["params"],
                                1e-5, 1e-6, "%s step %d float32 vs float64" % (name, k + 1))
        cases.append(case)

    print("params bit-identical to the by-hand model: float64 %d of %d, float32 %d of %d"
          % (exact[0], exact[1], exact[2], exact[1]))

    # the pre-populated RMSprop really started from ones: step 1 by hand, exactly as torch orders it
    ones = [c for c in cases if c["name"].startswith("rmsprop_ones")][0]
    zeros_init = by_hand("RMSprop", {"lr": 0.01, "alpha": 0.4, "eps": 1e-8}, p0, grads, False)
    g1 = grads[0]
    s1 = 1.0 * 0.4 + 0.6 * g1 * g1
    p1 = p0 - 0.01 * (g1 / (np.sqrt(s1) + 1e-8))
    got = np.array(ones["float64"]["steps"][0]["params"])
    assert np.allclose(got, p1, rtol=1e-15, atol=1e-17), (got, p1)
    assert np.allclose(ones["float64"]["steps"][0]["state"]["square_avg"], s1, rtol=1e-15, atol=0)
    assert not np.allclose(got, zeros_init[0], rtol=1e-6, atol=0), "the ones init made no difference"
    assert ones["float64"]["steps"][0]["state"]["step"] == 1

    doc = {
        "about": "torch.optim reference steps: one parameter tensor of 7 values, 5 steps, each step "
                 "p.grad = grads[k] then opt.step(). float32 inputs are the float64 ones cast to float32.",
        "generator": "workbench/src/test/python/torch_optimizers.py",
        "versions": reflib.versions(),
        "n_params": N_PARAMS,
        "n_steps": N_STEPS,
        "cases": cases,
    }
    reflib.write_json(reflib.os.path.join(reflib.TORCH_OUT, "optimizers.json"), doc)


if __name__ == "__main__":
    main()
