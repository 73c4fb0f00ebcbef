"""One training step of the pooling and double-descent models, workbench against PyTorch from Python.

Run from the repository root with Debian's Python (torch 1.13):

  /usr/bin/python3 bench/science_train_steps.py [--rounds 3] [--iterations 500] [NAME ...]

For each workload, both sides run in this one invocation on this machine, alternated round by round
so that other load on the machine hits both alike: the workbench side as
`bin/workbench bench NAME --threads 1 --json` in a fresh JVM, the Python side in this process with
torch.set_num_threads(1). Each round gives a median step time per side; the script prints the median
of the rounds' medians, their ratio (workbench / PyTorch; below 1 the workbench is faster) and the
1-minute load average before and after.

The Python steps are the upstream notebooks' loops:
- pooling (benchmark-pooling notebook, train.py's train_model): ConvPooling(channels=20, variant),
  Adam(lr 1e-2), the next in-order batch of 100 sliced from the training tensor, then
  loss = CrossEntropyLoss(model(x), y); loss.backward(); optimizer.step(); optimizer.zero_grad().
- double descent (deep-double-descent notebook, fit_model): the MLP (Linear, ReLU, Linear, ReLU,
  Linear) or the ConvBase-shaped CNN, SGD(lr 0.01, momentum 0.9), batches of 100 from
  DataLoader(TensorDataset(x, y), batch_size=100, shuffle=True) (a new epoch's iterator when one
  ends), then optimizer.zero_grad(); loss.backward(); optimizer.step().
Inputs are standard normal with random labels, of the workloads' shapes (4000 x 40 train examples):
step times of these dense models do not depend on the values.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("torch is missing: run this with Debian's /usr/bin/python3 (torch 1.13)")

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
WORKBENCH = os.path.join(ROOT, "bin", "workbench")

POOLING = ["no_pool", "stride_2", "max_pool", "avg_pool", "l2_pool"]
DOUBLE_DESCENT = [("mlp", 47), ("mlp", 300), ("cnn", 18), ("cnn", 100)]


class ConvPooling(nn.Module):
    """The benchmark-pooling notebook's model."""

    def __init__(self, channels, stride, pool, linear_in):
        super().__init__()
        torch.manual_seed(0)
        self.conv1 = nn.Conv1d(1, channels, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv1d(channels, channels, 3, stride=stride, padding=1)
        self.linear = nn.Linear(linear_in, 10)
        self.pool = pool

    def forward(self, x):
        x = x.view(-1, 1, x.shape[-1])
        h1 = self.pool(self.conv1(x).relu())
        h2 = self.pool(self.conv2(h1).relu())
        return self.linear(h2.view(h2.shape[0], -1))


def pooling_model(variant):
    identity = lambda h: h  # noqa: E731
    return {
        "no_pool": lambda: ConvPooling(20, 1, identity, 800),
        "stride_2": lambda: ConvPooling(20, 2, identity, 200),
        "max_pool": lambda: ConvPooling(20, 1, lambda h: F.max_pool1d(h, 2), 200),
        "avg_pool": lambda: ConvPooling(20, 1, lambda h: F.avg_pool1d(h, 2), 200),
        "l2_pool": lambda: ConvPooling(20, 1, lambda h: F.lp_pool1d(h, 2, 2), 200),
    }[variant]()


def dd_model(kind, width):
    torch.manual_seed(0)
    if kind == "mlp":
        return nn.Sequential(nn.Linear(40, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                             nn.Linear(width, 10))
    return nn.Sequential(nn.Unflatten(1, (1, 40)),
                         nn.Conv1d(1, width, 5, 2, 1), nn.ReLU(),
                         nn.Conv1d(width, width, 3, 2, 1), nn.ReLU(),
                         nn.Conv1d(width, width, 3, 2, 1), nn.ReLU(),
                         nn.Flatten(), nn.Linear(5 * width, 10))


def data(n=4000):
    rng = np.random.RandomState(0)
    x = torch.tensor(rng.randn(n, 40), dtype=torch.float32)
    y = torch.tensor(rng.randint(0, 10, n), dtype=torch.int64)
    return x, y


def python_pooling(variant, warmup, iterations):
    """Median ms of train_model's step for the variant."""
    x_train, y_train = data()
    model = pooling_model(variant)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    criterion = nn.CrossEntropyLoss()
    times = []
    for step in range(warmup + iterations):
        t0 = time.perf_counter()
        bix = (step * 100) % len(x_train)
        xb, yb = x_train[bix:bix + 100], y_train[bix:bix + 100]
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step >= warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def python_dd(kind, width, warmup, iterations):
    """Median ms of fit_model's step (DataLoader batch included)."""
    x, y = data()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=100,
                                         shuffle=True)
    model = dd_model(kind, width)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    it = iter(loader)
    times = []
    for step in range(warmup + iterations):
        t0 = time.perf_counter()
        try:
            xb, yb = next(it)
        except StopIteration:
            it = iter(loader)
            xb, yb = next(it)
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        if step >= warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def workbench(name, warmup, iterations):
    p = subprocess.run([WORKBENCH, "bench", name, "--threads", "1", "--json",
                        "--warmup", str(warmup), "--iterations", str(iterations)],
                       cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bin/workbench bench %s failed (exit %d):\n%s" % (name, p.returncode, p.stderr))
    line = [l for l in p.stdout.splitlines() if l.startswith("{")][-1]
    return json.loads(line)["median_ms"]


def machine():
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "%s, %d cores" % (cpu, os.cpu_count())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--iterations", type=int, default=500)
    ap.add_argument("names", nargs="*", help="workloads (default: all nine)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    workloads = ["train-step-pooling-" + v for v in POOLING]
    workloads += ["train-step-dd-%s-%d" % kw for kw in DOUBLE_DESCENT]
    if args.names:
        unknown = [n for n in args.names if n not in workloads]
        if unknown:
            sys.exit("unknown workload(s) %s; known: %s" % (unknown, ", ".join(workloads)))
        workloads = args.names
    print("# %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    print("# machine: %s; torch %s, 1 thread; %d rounds of %d steps (after %d warm-up) per side"
          % (machine(), torch.__version__, args.rounds, args.iterations, args.warmup))
    print("# command: /usr/bin/python3 bench/science_train_steps.py %s" % " ".join(sys.argv[1:]))
    print("| workload | workbench median ms | PyTorch median ms | ratio | load before / after |")
    print("|---|---|---|---|---|")
    for name in workloads:
        load0 = os.getloadavg()[0]
        java, python = [], []
        for _ in range(args.rounds):
            java.append(workbench(name, args.warmup, args.iterations))
            if name.startswith("train-step-pooling-"):
                python.append(python_pooling(name[len("train-step-pooling-"):], args.warmup,
                                             args.iterations))
            else:
                _, kind, width = name.rsplit("-", 2)
                python.append(python_dd(kind, int(width), args.warmup, args.iterations))
        j, p = statistics.median(java), statistics.median(python)
        print("| %s | %.3f | %.3f | %.2f | %.1f / %.1f |"
              % (name, j, p, j / p, load0, os.getloadavg()[0]), flush=True)


if __name__ == "__main__":
    main()
