"""Times, in PyTorch from Python on one thread, the training steps that the workbench's bench
workloads lottery-masked-step, lottery-masked-step-b500 and ssl-simclr-step time in Java, written as
the upstream notebooks write them:

- the lottery notebook's step: SparseMLP(40, 10, hidden 500) whose SparseLinear layers re-apply
  their masks (weights and biases) before every forward (param.data = mask * param), cross-entropy
  on an in-order batch (100, or 500 as in the ablations), backward, Adam(lr 2e-2) step, zero_grad;
  masks by layer-wise magnitude at sparsity 91/99 of the initial weights;
- the SSL notebook's step: a batch of 100 augmented twice (mean and slope removed, NumPy shifts
  0..9 rolled one example at a time, torch normal slopes and offsets), both views through the
  SimCLR encoder (channels 25, projector 125-125-16), the InfoNCE loss, backward, Adam(lr 0.01).

Inputs are random normal arrays of the dataset's shape (4000 x 40): a step's cost does not depend
on the values. Prints one line per workload: median, min and max milliseconds over the timed
iterations, after the same warm-up counts as the Java workloads.

Run (beside the Java side, same machine, same moment):
  bin/workbench bench lottery-masked-step lottery-masked-step-b500 ssl-simclr-step --threads 1
  /usr/bin/python3 workbench/src/test/python/torch_step_timing.py
"""

import os
import time

# One thread everywhere, like the Java side's --threads 1: Debian's torch does its matrix products
# in OpenBLAS, which starts its own threads unless told otherwise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.manual_seed(42)
np.random.seed(42)

X = torch.tensor(np.random.randn(4000, 40), dtype=torch.float32)
Y = torch.tensor(np.random.randint(0, 10, 4000), dtype=torch.long)


class SparseLinear(torch.nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.linear = torch.nn.Linear(n_in, n_out)
        self.mask = torch.ones(sum(p.numel() for p in self.linear.parameters()))

    def apply_mask(self):
        vec = torch.cat([p.flatten() for p in self.linear.parameters()]) * self.mask
        at = 0
        for p in self.linear.parameters():
            p.data = vec[at:at + p.numel()].reshape(p.shape).data
            at += p.numel()

    def forward(self, x):
        self.apply_mask()
        return self.linear(x)


class SparseMLP(torch.nn.Module):
    def __init__(self, hidden=500):
        super().__init__()
        self.linear1 = SparseLinear(40, hidden)
        self.linear2 = SparseLinear(hidden, hidden)
        self.linear3 = SparseLinear(hidden, 10)

    def forward(self, x):
        h = torch.relu(self.linear1(x))
        h = h + torch.relu(self.linear2(h))
        return self.linear3(h)


def magnitude_masks(model, sparsity):
    for layer in (model.linear1, model.linear2, model.linear3):
        scores = torch.cat([p.detach().flatten() for p in layer.linear.parameters()]).abs()
        drop = int(sparsity * len(scores))
        mask = torch.ones_like(scores)
        mask[torch.sort(scores)[1][:drop]] = 0
        layer.mask = mask


def lottery_step(batch):
    model = SparseMLP()
    magnitude_masks(model, np.linspace(0, 1, 100)[91])
    opt = torch.optim.Adam(model.parameters(), 2e-2)
    loss_fn = torch.nn.CrossEntropyLoss()
    state = {"step": 0}

    def step():
        bix = (state["step"] * batch) % len(X)
        x, y = X[bix:bix + batch], Y[bix:bix + batch]
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        state["step"] += 1

    return step


class SimCLR(torch.nn.Module):
    def __init__(self, output_dim=16, channels=25, hidden_dim=125):
        super().__init__()
        self.conv1 = torch.nn.Conv1d(1, channels, 5, stride=2, padding=1)
        self.conv2 = torch.nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.conv3 = torch.nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.linear1 = torch.nn.Linear(channels * 5, hidden_dim)
        self.linear2 = torch.nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        x = x.view(-1, 1, x.shape[-1])
        h = self.conv3(self.conv2(self.conv1(x).relu()).relu()).relu()
        h = h.view(h.shape[0], -1)
        return self.linear2(self.linear1(h).relu())


def augment(x, offsets_std=0.3, slopes_std=0.04, maxshift=10):
    n = x.shape[0]
    x_new = x.detach().clone()
    x_new = x_new - x_new.mean(axis=1, keepdims=True)
    t = torch.arange(x.shape[1]) - (x.shape[1] - 1) / 2
    slopes = (x * t).sum(axis=1) / (t ** 2).sum()
    x_new -= slopes[:, None] * t
    shifts = np.random.randint(0, maxshift, size=(n,))
    for i in range(n):
        x_new[i] = torch.roll(x_new[i], int(shifts[i]))
    x_new += torch.normal(0, slopes_std, size=(n, 1)) * t
    x_new += torch.normal(0, offsets_std, size=(n, 1))
    return x_new


def simclr_step():
    model = SimCLR()
    opt = torch.optim.Adam(model.parameters(), 0.01)
    state = {"step": 0}

    def step():
        b = state["step"] % 40
        xb = X[b * 100:(b + 1) * 100]
        o1 = torch.nn.functional.normalize(model(augment(xb)))
        o2 = torch.nn.functional.normalize(model(augment(xb)))
        sims = torch.exp(torch.matmul(o1, torch.t(o2)) / 0.5)
        loss = torch.mean(-torch.log(torch.diag(sims)) + torch.log(torch.sum(sims, axis=1)))
        loss.backward()
        opt.step()
        opt.zero_grad()
        state["step"] += 1

    return step


def time_it(name, step, warmup, iterations):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"torch {name:<26} median {np.median(times):9.3f} ms   min {times[0]:9.3f}"
          f"   max {times[-1]:9.3f}   ({iterations} iterations, threads 1, torch {torch.__version__})")


if __name__ == "__main__":
    time_it("lottery-masked-step", lottery_step(100), 300, 300)
    time_it("lottery-masked-step-b500", lottery_step(500), 100, 100)
    time_it("ssl-simclr-step", simclr_step(), 50, 500)
