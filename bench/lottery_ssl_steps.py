"""Lottery-ticket and SimCLR training steps, workbench against PyTorch from Python, alternated.

Run from the repository root with Debian's Python (torch 1.13):

  /usr/bin/python3 bench/lottery_ssl_steps.py [--rounds 8] [--warmup 300] [NAME ...]

Workloads (default: all three): lottery-masked-step (the 40-500-500-10 residual MLP with masks at
92% sparsity, Adam, batch 100: the lottery search), lottery-masked-step-b500 (batch 500: the
ablations) and ssl-simclr-step (two augmented views of 100 examples through the SimCLR encoder,
InfoNCE, Adam). The PyTorch steps are those of workbench/src/test/python/torch_step_timing.py,
written as the upstream notebooks write them (masks re-applied to the parameters before every
forward, augmentations in NumPy and torch).

Both sides warm up for --warmup steps (the same count: the JVM compiles its hot paths during the
first few hundred steps, and the experiments run thousands of steps in one JVM: the lottery search
trains 400 networks of 1,501 steps each, so the steady state is what a run costs). Then they
alternate in rounds, the workbench side in one warm `bin/workbench bench NAME --paced` process
(benchlib.PacedWorkbench), the PyTorch side in this process; which side goes first alternates.
Each round gives each side's median step time and their ratio (workbench / PyTorch; below 1 the
workbench is faster); the table gives the median over rounds of each and the ratios' range.
"""

import sys

import benchlib  # first: it pins the BLAS to one thread before NumPy loads it

sys.path.insert(0, benchlib.PYREF)
try:
    import torch
    import torch_step_timing as steps
except ImportError:
    sys.exit("torch is missing: run this with Debian's /usr/bin/python3 (torch 1.13)")

# workload: (PyTorch step factory, timed steps per round)
WORKLOADS = {
    "lottery-masked-step": (lambda: steps.lottery_step(100), 200),
    "lottery-masked-step-b500": (lambda: steps.lottery_step(500), 60),
    "ssl-simclr-step": (steps.simclr_step, 200),
}


def main():
    args, names = benchlib.round_args(__doc__, list(WORKLOADS))
    torch.set_num_threads(1)
    for line in benchlib.header("Lottery and SimCLR steps, workbench / PyTorch, alternated rounds",
                                torch.__version__):
        print(line)
    rows = []
    for name in names:
        factory, iterations = WORKLOADS[name]
        rows.append(benchlib.alternate(name, factory(), args.warmup, iterations, args.rounds))
    print()
    for line in benchlib.table(rows, benchlib.ROUND_COLUMNS):
        print(line)


if __name__ == "__main__":
    main()
