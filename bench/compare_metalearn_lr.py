"""Learning-rate metalearning outer step, workbench against PyTorch from Python, side by side.

One outer step: 200 inner SGD steps (theta <- theta - lr * grad) of an MLP 40-50-10 with a tanh
hidden layer, parameters as one flat vector, batch 50 taken in order from the default dataset's
training set, cross-entropy; the meta-loss is the mean of the 200 inner losses and its exact
derivative with respect to lr is taken through the whole unrolled loop. lr = 1.5, float32, one
thread on both sides.

- PyTorch side (this process): the reference's method, torch.autograd.grad(create_graph=True) at
  every inner step, then one backward of the meta-loss to lr. Two warm-up outer steps, then
  `--calls` timed ones per round; the round's median.
- workbench side: `bin/workbench bench metalearn-lr-outer-step --threads 1 --json --paced` (one
  warm JVM: its warm-up, then `--java-calls` timed outer steps per round; the round's median).
  The workbench takes the same derivative by forward mode (docs/metalearning.md).

The sides alternate round by round (which goes first alternates too); the ratio is taken round by
round.

The initial parameters are drawn differently on the two sides (PyTorch's default-style uniform
init here, the workbench's own seeded draw there): the work per outer step is the same, the
printed meta-loss is for orientation only.

Run from anywhere:  /usr/bin/python3 bench/compare_metalearn_lr.py [--rounds 5] [--calls 3]
                    [--java-calls 10] [--java-warmup 10]
"""

import argparse
import os
import sys
import time

import benchlib  # first: it pins the BLAS to one thread before NumPy loads it
import numpy as np


try:
    import torch
except ImportError:
    sys.exit("torch is missing: run this with Debian's /usr/bin/python3 (python3-torch 1.13)")
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)

INPUTS, HIDDEN, CLASSES, BATCH, STEPS = 40, 50, 10, 50, 200


def forward(theta, x):
    """MLP 40-50-10 with tanh, parameters laid out w1, b1, w2, b2 in one vector."""
    i = 0
    w1 = theta[i:i + HIDDEN * INPUTS].view(HIDDEN, INPUTS)
    i += HIDDEN * INPUTS
    b1 = theta[i:i + HIDDEN]
    i += HIDDEN
    w2 = theta[i:i + CLASSES * HIDDEN].view(CLASSES, HIDDEN)
    i += CLASSES * HIDDEN
    b2 = theta[i:i + CLASSES]
    return torch.tanh(x @ w1.t() + b1) @ w2.t() + b2


def initial_theta():
    g = torch.Generator().manual_seed(0)
    b1, b2 = 1 / INPUTS ** 0.5, 1 / HIDDEN ** 0.5
    first = (torch.rand(HIDDEN * INPUTS + HIDDEN, generator=g) * 2 - 1) * b1
    second = (torch.rand(CLASSES * HIDDEN + CLASSES, generator=g) * 2 - 1) * b2
    return torch.cat([first, second])


def outer_step(theta0, batches, lr_value):
    """The meta-loss and d(meta-loss)/d(lr) by autograd.grad(create_graph=True)."""
    lr = torch.tensor(lr_value, requires_grad=True)
    theta = theta0.clone().requires_grad_(True)
    losses = []
    for s in range(STEPS):
        x, y = batches[s % len(batches)]
        loss = F.cross_entropy(forward(theta, x), y)
        (g,) = torch.autograd.grad(loss, theta, create_graph=True)
        theta = theta - lr * g
        losses.append(loss)
    meta = torch.stack(losses).mean()
    meta.backward()
    return meta.item(), lr.grad.item()


def torch_median_ms(theta0, batches, calls):
    ms = []
    for _ in range(calls):
        t0 = time.perf_counter_ns()
        outer_step(theta0, batches, 1.5)
        ms.append((time.perf_counter_ns() - t0) / 1e6)
    return benchlib.median(ms)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=3, help="timed PyTorch outer steps per round")
    ap.add_argument("--java-calls", type=int, default=10, help="timed workbench outer steps per round")
    ap.add_argument("--java-warmup", type=int, default=10, help="workbench warm-up outer steps")
    a = ap.parse_args()
    out_dir = os.path.join(benchlib.ROOT, "runs", "bench")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "default.npz")
    benchlib.workbench("dataset", "--out", path)
    d = np.load(path)
    x = torch.from_numpy(d["x"]).to(torch.float32)
    y = torch.from_numpy(d["y"]).to(torch.int64)
    batches = [(x[s:s + BATCH].contiguous(), y[s:s + BATCH].contiguous())
               for s in range(0, x.shape[0], BATCH)]
    theta0 = initial_theta()

    lines = benchlib.header("metalearn-lr outer step: workbench / PyTorch (autograd.grad, "
                            "create_graph), one thread", torch.__version__)
    for l in lines:
        print(l, flush=True)
    jvm = benchlib.PacedWorkbench("metalearn-lr-outer-step", a.java_warmup, a.java_calls, a.rounds)
    meta, grad = outer_step(theta0, batches, 1.5)
    print("# PyTorch at lr 1.5: meta-loss %.4f, d/dlr %.4f" % (meta, grad), flush=True)
    outer_step(theta0, batches, 1.5)  # the second warm-up call
    rounds = []
    for r in range(a.rounds):
        got = {}
        load0 = benchlib.load()
        for side in (("torch", "workbench") if r % 2 == 0 else ("workbench", "torch")):
            if side == "torch":
                got["torch"] = torch_median_ms(theta0, batches, a.calls)
            else:
                res = jvm.round()
                got["workbench"] = res["median_ms"]
                got["iterations"] = "%d (after %d)" % (res["iterations"], res["warmup"])
        got["load"] = max(load0, benchlib.load())
        got["ratio"] = got["workbench"] / got["torch"]
        rounds.append(got)
        print("# round %d  torch %7.1f ms  workbench %6.1f ms  ratio %.2f  load %.2f"
              % (r + 1, got["torch"], got["workbench"], got["ratio"], got["load"]), flush=True)
    jvm.close()
    ratios = [g["ratio"] for g in rounds]
    row = {
        "torch": benchlib.median([g["torch"] for g in rounds]),
        "workbench": benchlib.median([g["workbench"] for g in rounds]),
        "ratio": benchlib.median(ratios),
        "range": "%.2f-%.2f" % (min(ratios), max(ratios)),
        "calls": "%d x %d / %s x %d" % (a.calls, a.rounds, rounds[0]["iterations"], a.rounds),
        "load": "%.1f-%.1f" % (min(g["load"] for g in rounds), max(g["load"] for g in rounds)),
    }
    print()
    for l in benchlib.table([row], [
            ("torch", "PyTorch ms", "%.1f"),
            ("workbench", "workbench ms", "%.1f"),
            ("ratio", "workbench / PyTorch", "%.2f"),
            ("range", "range over rounds", "%s"),
            ("calls", "timed outer steps x rounds (PyTorch / workbench, warm-up)", "%s"),
            ("load", "load average", "%s")]):
        print(l)


if __name__ == "__main__":
    main()
