"""Dataset generation, workbench against the Python generator, side by side on this machine.

Both sides generate the default MNIST-1D dataset (5000 examples x 40, seed 42) in memory:

- Python side (this process): make_dataset() of workbench/src/test/python/mnist1d_generator.py,
  the repository's port of the reference generator (the same NumPy legacy random calls and
  scipy.ndimage.gaussian_filter / scipy.interpolate.interp1d per example, in the same order; it
  reproduces the reference's vectors to 1e-15). One warm-up call, then `--python-calls` timed
  calls per round; the round's median.
- workbench side: `bin/workbench bench dataset-default --threads 1 --json --paced` (one warm JVM:
  its warm-up, then `--java-calls` timed calls per round; the round's median).

The sides alternate round by round (which goes first alternates too); the ratio is taken round by
round. Before timing, the script checks that both produce the same dataset: the workbench's
`bin/workbench dataset --out` file against the Python arrays (labels identical, largest value
difference printed).

Run from anywhere:  /usr/bin/python3 bench/compare_dataset.py [--rounds 5] [--python-calls 2]
                    [--java-calls 20]
"""

import argparse
import os
import sys
import time

import benchlib  # first: it pins the BLAS to one thread before NumPy loads it
import numpy as np


sys.path.insert(0, benchlib.PYREF)
import mnist1d_generator as gen  # noqa: E402


def python_median_ms(calls):
    ms = []
    for _ in range(calls):
        t0 = time.perf_counter_ns()
        gen.make_dataset(gen.args_with())
        ms.append((time.perf_counter_ns() - t0) / 1e6)
    return benchlib.median(ms)


def check_same(path):
    """The workbench's default dataset equals the Python port's; returns the largest difference."""
    benchlib.workbench("dataset", "--out", path)
    java = np.load(path)
    py = gen.make_dataset(gen.args_with())
    for k in ("y", "y_test"):
        if not np.array_equal(java[k], py[k]):
            sys.exit("the datasets differ: %s" % k)
    return max(float(np.max(np.abs(java[k] - py[k]))) for k in ("x", "x_test", "t"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python-calls", type=int, default=2, help="timed Python calls per round")
    ap.add_argument("--java-calls", type=int, default=20, help="timed workbench calls per round")
    a = ap.parse_args()
    out_dir = os.path.join(benchlib.ROOT, "runs", "bench")
    os.makedirs(out_dir, exist_ok=True)
    lines = benchlib.header("dataset generation (default dataset): Python generator / workbench")
    lines.append("# numpy %s" % np.__version__)
    for l in lines:
        print(l, flush=True)
    diff = check_same(os.path.join(out_dir, "default.npz"))
    print("# same dataset: labels identical, values within %.2g" % diff, flush=True)
    jvm = benchlib.PacedWorkbench("dataset-default", None, a.java_calls, a.rounds)
    gen.make_dataset(gen.args_with())  # Python's warm-up: imports, caches
    rounds = []
    for r in range(a.rounds):
        got = {}
        load0 = benchlib.load()
        for side in (("python", "workbench") if r % 2 == 0 else ("workbench", "python")):
            if side == "python":
                got["python"] = python_median_ms(a.python_calls)
            else:
                res = jvm.round()
                got["workbench"] = res["median_ms"]
                got["iterations"] = "%d (after %d)" % (res["iterations"], res["warmup"])
        got["load"] = max(load0, benchlib.load())
        got["speedup"] = got["python"] / got["workbench"]
        rounds.append(got)
        print("# round %d  python %8.1f ms  workbench %6.2f ms  python/workbench %.0f  load %.2f"
              % (r + 1, got["python"], got["workbench"], got["speedup"], got["load"]), flush=True)
    jvm.close()
    speedups = [g["speedup"] for g in rounds]
    row = {
        "python": benchlib.median([g["python"] for g in rounds]),
        "workbench": benchlib.median([g["workbench"] for g in rounds]),
        "speedup": benchlib.median(speedups),
        "range": "%.0f-%.0f" % (min(speedups), max(speedups)),
        "calls": "%d x %d / %s x %d" % (a.python_calls, a.rounds, rounds[0]["iterations"], a.rounds),
        "load": "%.1f-%.1f" % (min(g["load"] for g in rounds), max(g["load"] for g in rounds)),
    }
    print()
    for l in benchlib.table([row], [
            ("python", "Python port ms", "%.0f"),
            ("workbench", "workbench ms", "%.2f"),
            ("speedup", "Python / workbench", "%.0f"),
            ("range", "range over rounds", "%s"),
            ("calls", "timed calls x rounds (Python / workbench, warm-up)", "%s"),
            ("load", "load average", "%s")]):
        print(l)


if __name__ == "__main__":
    main()
