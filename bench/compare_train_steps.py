"""Training step, workbench against PyTorch from Python, side by side on this machine.

One step = forward, loss, backward and an Adam update (lr 0.01) on a batch of 100 of the default
MNIST-1D dataset, float32, one thread on both sides. The batches are the same on both sides: the
dataset is written once with `bin/workbench dataset --out` and read here, and both sides take the
in-order batches of 100 of the training set (step s uses rows 100 s .. 100 s + 99, mod 4000).

- PyTorch side (this process): the models of workbench/src/test/python/torch_models_benchmark.py
  (the definitions the reference tests use), torch.set_num_threads(1) and
  set_num_interop_threads(1), `opt.zero_grad(); loss = F.cross_entropy(model(x), y);
  loss.backward(); opt.step(); loss.item()` (the workbench's step also returns the loss),
  torch.optim.Adam with its defaults.
- workbench side: `bin/workbench bench train-step-MODEL --threads 1 --json --paced` (one warm
  JVM per model and launcher; TrainingRun.update(), see train/TrainStepWorkload).

Both sides warm up first (the same number of steps; the JVM needs about a second of steps before
its time settles). Then they alternate in short rounds, `--rounds` of them, each side timing
every step of its round and reporting the round's median; which side goes first rotates. The
ratio is taken round by round (workbench / PyTorch, both measured within a second or so of each
other, so both see the same machine load) and the table gives its median over the rounds and its
range, with each side's median of round medians. The last ratio compares each round's fastest
steps (median over rounds): on a busy machine it is the least disturbed by other processes.

Run from anywhere:  /usr/bin/python3 bench/compare_train_steps.py [--models logistic,mlp]
                    [--rounds 10] [--warmup N] [--steps N] [--json FILE]
                    [--workbench [LABEL=]LAUNCHER]...

With several --workbench launchers (e.g. before=/tmp/old/bin/workbench after=bin/workbench), each
is timed in the same rounds against the same PyTorch figures.

To add a model: add an entry to MODELS below (the workbench workload's name, a function that
builds the PyTorch module, a `step` factory: classifier_step for a classifier trained with
cross-entropy, the warm-up steps and the steps per round), and the workload to the workbench's
bench suites.
"""

import argparse
import collections
import json
import os
import sys
import time

import benchlib  # first: it pins the BLAS to one thread before NumPy loads it
import numpy as np


sys.path.insert(0, benchlib.PYREF)
try:
    import torch
except ImportError:
    sys.exit("torch is missing: run this with Debian's /usr/bin/python3 (python3-torch 1.13)")
import torch.nn.functional as F  # noqa: E402

import torch_models_benchmark as tmb  # noqa: E402  (the reference tests' model definitions)

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.use_deterministic_algorithms(False)  # the reference scripts turn it on; torch's default off

BATCH = 100


def classifier_step(model, opt):
    """The usual classification step; returns a function of one batch (x, y)."""

    def step(x, y):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return step


# One row per model: the workbench workload, the PyTorch module's factory, the step's factory
# ((module, optimiser) -> step(x, y)), the warm-up steps (about a second of the workbench's steps)
# and the timed steps per round (a few tenths of a second).
Entry = collections.namedtuple("Entry", "workload module step warmup steps")

MODELS = {
    "logistic": Entry("train-step-logistic", tmb.Logistic, classifier_step, 3000, 1000),
    "mlp": Entry("train-step-mlp", tmb.Mlp, classifier_step, 3000, 500),
    "cnn": Entry("train-step-cnn", tmb.Cnn, classifier_step, 1000, 200),
    "gru": Entry("train-step-gru", tmb.Gru, classifier_step, 100, 20),
}


def dataset(path):
    """Writes the default dataset with bin/workbench and returns its training set as tensors."""
    benchlib.workbench("dataset", "--out", path)
    d = np.load(path)
    return (torch.from_numpy(d["x"]).to(torch.float32).contiguous(),
            torch.from_numpy(d["y"]).to(torch.int64).contiguous())


class TorchTrial:
    """Model `name` in PyTorch with its optimiser, stepping through the in-order batches."""

    def __init__(self, name, x, y):
        entry = MODELS[name]
        torch.manual_seed(0)
        model = entry.module()
        self.step = entry.step(model, torch.optim.Adam(model.parameters(), lr=0.01))
        self.batches = [(x[s:s + BATCH].contiguous(), y[s:s + BATCH].contiguous())
                        for s in range(0, x.shape[0], BATCH)]
        self.t = 0

    def run(self, steps):
        """Runs `steps` steps; returns the median and the least of their milliseconds."""
        ms = []
        for _ in range(steps):
            b = self.batches[self.t % len(self.batches)]
            self.t += 1
            t0 = time.perf_counter_ns()
            self.step(*b)
            ms.append((time.perf_counter_ns() - t0) / 1e6)
        return benchlib.median(ms), min(ms)


def launchers(specs):
    """--workbench values as (label, launcher) pairs; LABEL=PATH or PATH (label: its checkout)."""
    out = []
    for spec in specs or ["workbench=" + benchlib.WORKBENCH]:
        label, _, path = spec.rpartition("=") if "=" in spec else ("", "", spec)
        path = os.path.abspath(path)
        if not os.access(path, os.X_OK):
            sys.exit("--workbench %s: not an executable launcher" % path)
        out.append((label or os.path.relpath(os.path.dirname(os.path.dirname(path))), path))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=",".join(MODELS), help="comma-separated (default: all)")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=None,
                    help="warm-up steps per side (default: the model's, see MODELS)")
    ap.add_argument("--steps", type=int, default=None,
                    help="timed steps per side and round (default: the model's, see MODELS)")
    ap.add_argument("--workbench", action="append", metavar="[LABEL=]LAUNCHER",
                    help="a workbench launcher to time; repeat to time several builds in the same "
                         "rounds (default: this checkout's bin/workbench)")
    ap.add_argument("--json", help="also write the per-round figures here")
    a = ap.parse_args()
    names = a.models.split(",")
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        sys.exit("unknown model(s) %s; known: %s" % (", ".join(unknown), ", ".join(MODELS)))
    sides = launchers(a.workbench)

    out_dir = os.path.join(benchlib.ROOT, "runs", "bench")
    os.makedirs(out_dir, exist_ok=True)
    x, y = dataset(os.path.join(out_dir, "default.npz"))

    lines = benchlib.header("training step: workbench / PyTorch, one thread, batch %d, Adam lr 0.01"
                            % BATCH, torch.__version__)
    lines += ["# workbench %s: %s" % (label, path) for label, path in sides]
    for l in lines:
        print(l, flush=True)
    order = ["torch"] + [label for label, _ in sides]
    rounds = {m: [] for m in names}
    for m in names:
        steps = a.steps or MODELS[m].steps
        warm = MODELS[m].warmup if a.warmup is None else a.warmup
        # one warm process per launcher, warmed up one after the other, then PyTorch's warm-up
        jvms = {label: benchlib.PacedWorkbench(MODELS[m].workload, warm, steps, a.rounds, path)
                for label, path in sides}
        trial = TorchTrial(m, x, y)
        trial.run(warm)
        for r in range(a.rounds):
            got = {"steps": steps, "warmup": warm}
            load0 = benchlib.load()
            for side in order[r % len(order):] + order[:r % len(order)]:
                if side == "torch":
                    got[side], got[side + " min"] = trial.run(steps)
                else:
                    res = jvms[side].round()
                    got[side], got[side + " min"] = res["median_ms"], res["min_ms"]
            got["load"] = max(load0, benchlib.load())
            rounds[m].append(got)
            print("# round %2d %-9s torch %8.3f ms  %s  load %.2f" % (
                r + 1, m, got["torch"],
                "  ".join("%s %8.3f ms (%.3f)" % (l, got[l], got[l] / got["torch"]) for l, _ in sides),
                got["load"]), flush=True)
        for j in jvms.values():
            j.close()

    rows = []
    for m in names:
        rs = rounds[m]
        row = {
            "model": m,
            "torch": benchlib.median([g["torch"] for g in rs]),
            "steps": "%d x %d (after %d)" % (rs[0]["steps"], len(rs), rs[0]["warmup"]),
            "load": "%.1f-%.1f" % (min(g["load"] for g in rs), max(g["load"] for g in rs)),
        }
        for label, _ in sides:
            ratios = [g[label] / g["torch"] for g in rs]
            row[label] = benchlib.median([g[label] for g in rs])
            row[label + " ratio"] = benchlib.median(ratios)
            row[label + " range"] = "%.2f-%.2f" % (min(ratios), max(ratios))
            row[label + " min"] = benchlib.median([g[label + " min"] / g["torch min"] for g in rs])
        rows.append(row)
    columns = [("model", "model", "%s"), ("torch", "PyTorch ms", "%.3f")]
    for label, _ in sides:
        name = "workbench" if len(sides) == 1 else "workbench " + label
        columns += [(label, name + " ms", "%.3f"),
                    (label + " ratio", name + " / PyTorch", "%.2f"),
                    (label + " range", "ratio range over rounds", "%s"),
                    (label + " min", "ratio of fastest steps", "%.2f")]
    columns += [("steps", "timed steps x rounds (warm-up)", "%s"), ("load", "load average", "%s")]
    print()
    for l in benchlib.table(rows, columns):
        print(l)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"header": lines, "rounds": rounds, "summary": rows}, f, indent=1)


if __name__ == "__main__":
    main()
