"""One training step of the pooling and double-descent models, workbench against PyTorch from Python.

Run from the repository root with Debian's Python (torch 1.13):

  /usr/bin/python3 bench/science_train_steps.py [--rounds 8] [--warmup 300] [NAME ...]

For each workload (default: all nine) both sides warm up for --warmup steps (the same count), then
alternate in rounds, as bench/lottery_ssl_steps.py does (benchlib.alternate): the workbench side in
one warm `bin/workbench bench NAME --threads 1 --json --paced` process, the Python side in this
process with one thread (torch.set_num_threads(1), and OpenBLAS pinned to one thread by benchlib).
A pooling or double-descent run trains thousands of steps in one JVM, so the steady state is what a
run costs: the JVM compiles the step's Java side during its first few hundred calls. Each round
gives each side's median step time and their ratio (workbench / PyTorch; below 1 the workbench is
faster); the table gives the median over rounds of each and the ratios' range.

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

import sys

import benchlib  # first: it pins the BLAS to one thread before NumPy loads it

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("torch is missing: run this with Debian's /usr/bin/python3 (torch 1.13)")

POOLING = ["no_pool", "stride_2", "max_pool", "avg_pool", "l2_pool"]
DOUBLE_DESCENT = [("mlp", 47), ("mlp", 300), ("cnn", 18), ("cnn", 100)]
ITERATIONS = 200  # timed steps per round and side


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


def pooling_step(variant):
    """train_model's step for the variant, on the next in-order batch at each call."""
    x_train, y_train = data()
    model = pooling_model(variant)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    criterion = nn.CrossEntropyLoss()
    at = [0]

    def step():
        bix = (at[0] * 100) % len(x_train)
        at[0] += 1
        xb, yb = x_train[bix:bix + 100], y_train[bix:bix + 100]
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return step


def dd_step(kind, width):
    """fit_model's step (its DataLoader batch included)."""
    x, y = data()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=100,
                                         shuffle=True)
    model = dd_model(kind, width)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    it = [iter(loader)]

    def step():
        try:
            xb, yb = next(it[0])
        except StopIteration:
            it[0] = iter(loader)
            xb, yb = next(it[0])
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
    return step


def python_step(name):
    if name.startswith("train-step-pooling-"):
        return pooling_step(name[len("train-step-pooling-"):])
    _, kind, width = name.rsplit("-", 2)
    return dd_step(kind, int(width))


def main():
    workloads = ["train-step-pooling-" + v for v in POOLING]
    workloads += ["train-step-dd-%s-%d" % kw for kw in DOUBLE_DESCENT]
    args, workloads = benchlib.round_args(__doc__, workloads)
    torch.set_num_threads(1)
    for line in benchlib.header("Pooling and double-descent steps, workbench / PyTorch, "
                                "alternated rounds", torch.__version__):
        print(line)
    rows = [benchlib.alternate(name, python_step(name), args.warmup, ITERATIONS, args.rounds)
            for name in workloads]
    print()
    for line in benchlib.table(rows, benchlib.ROUND_COLUMNS):
        print(line)


if __name__ == "__main__":
    main()
