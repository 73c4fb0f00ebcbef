"""Shared helpers for the side-by-side benchmark scripts in bench/ (run with /usr/bin/python3).

Both sides run on this machine in one invocation: the Python side in this process, the workbench
side in warm `bin/workbench bench NAME --threads 1 --json --paced` processes; the two alternate in
short rounds, so that machine noise (other processes on a shared machine) hits both sides alike.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

# One thread on the Python side as on the workbench's: NumPy and Debian's torch use OpenBLAS, which
# starts a thread per core for larger products unless told otherwise (torch.set_num_threads does
# not reach it). Set before NumPy or torch is imported: every script imports this module first.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
WORKBENCH = os.path.join(ROOT, "bin", "workbench")
PYREF = os.path.join(ROOT, "workbench", "src", "test", "python")


def workbench(*args, launcher=WORKBENCH):
    """Runs bin/workbench with args; returns its stdout (exits with its stderr on failure)."""
    p = subprocess.run([launcher, *args], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bin/workbench %s failed (exit %d):\n%s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


class PacedWorkbench:
    """A warm `bin/workbench bench WORKLOAD --threads 1 --json --paced` process: it warms up once,
    then times one round of `iterations` calls each time round() asks, so that the caller can
    alternate its own timings with the workbench's at a fine grain in one warm JVM."""

    def __init__(self, workload, warmup, iterations, rounds, launcher=WORKBENCH):
        args = [launcher, "bench", workload, "--threads", "1", "--json", "--paced",
                "--rounds", str(rounds), "--iterations", str(iterations)]
        if warmup is not None:
            args += ["--warmup", str(warmup)]
        self.args = args
        self.err = tempfile.TemporaryFile(mode="w+")
        self.p = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.err, text=True, bufsize=1)
        while "warmed_up" not in self._line():
            pass

    def _line(self):
        line = self.p.stdout.readline()
        if not line:
            self.p.wait()
            self.err.seek(0)
            sys.exit("%s failed (exit %s):\n%s" % (" ".join(self.args), self.p.returncode,
                                                     self.err.read()))
        return json.loads(line) if line.startswith("{") else {}

    def round(self):
        """Times one round; returns its JSON figures (median_ms, ...)."""
        self.p.stdin.write("\n")
        self.p.stdin.flush()
        while True:
            r = self._line()
            if "median_ms" in r:
                return r

    def close(self):
        self.p.stdin.close()
        self.p.wait()
        self.err.close()


def median(values):
    return statistics.median(values)


def load():
    """The 1-minute load average now."""
    return os.getloadavg()[0]


def machine():
    """One line naming this machine: CPU model, cores, memory, OS."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = ", %.0f GB" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d cores%s, %s %s" % (cpu, os.cpu_count(), mem, platform.system(), platform.release())


def header(title, torch_version=None):
    """Lines saying what ran where and when."""
    lines = ["# %s" % title,
             "# date: %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
             "# machine: %s" % machine(),
             "# python: %s %s" % (sys.executable, platform.python_version())]
    if torch_version:
        lines.append("# torch: %s" % torch_version)
    lines.append("# threads: 1 (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1; workbench --threads 1)")
    lines.append("# command: %s" % " ".join([sys.executable] + [os.path.relpath(sys.argv[0], ROOT)]
                                            + sys.argv[1:]))
    return lines


def table(rows, columns):
    """A Markdown table of dicts, columns given as (key, heading, format)."""
    out = ["| " + " | ".join(h for _, h, _ in columns) + " |",
           "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        out.append("| " + " | ".join(f % r[k] if r.get(k) is not None else "" for k, _, f in columns)
                   + " |")
    return out


def timed_round(step, iterations):
    """Median milliseconds of `iterations` calls of step()."""
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return median(times)


def alternate(name, step, warmup, iterations, rounds):
    """Workbench workload `name` against the Python step(), both warmed up by `warmup` calls, then
    alternated in `rounds` rounds of `iterations` calls (which side goes first rotates), one line
    printed per round. Returns the row for ROUND_COLUMNS: medians over rounds of each side's round
    medians, the median and range of the rounds' ratios, the load average before and after."""
    load0 = load()
    for _ in range(warmup):
        step()
    java = PacedWorkbench(name, warmup, iterations, rounds)
    js, ps, ratios = [], [], []
    for r in range(rounds):
        if r % 2 == 0:
            j = java.round()["median_ms"]
            p = timed_round(step, iterations)
        else:
            p = timed_round(step, iterations)
            j = java.round()["median_ms"]
        js.append(j)
        ps.append(p)
        ratios.append(j / p)
        print("# round %2d %-28s torch %8.3f ms  workbench %8.3f ms (%.3f)  load %.2f"
              % (r + 1, name, p, j, j / p, load()), flush=True)
    java.close()
    return {"name": name, "torch": median(ps), "java": median(js), "ratio": median(ratios),
            "range": (min(ratios), max(ratios)), "steps": (iterations, rounds, warmup),
            "load": (load0, load())}


# The table of alternate()'s rows.
ROUND_COLUMNS = [
    ("name", "workload", "%s"), ("torch", "PyTorch ms", "%.3f"),
    ("java", "workbench ms", "%.3f"), ("ratio", "workbench / PyTorch", "%.2f"),
    ("range", "ratio range over rounds", "%.2f-%.2f"),
    ("steps", "timed steps x rounds (warm-up)", "%d x %d (after %d)"),
    ("load", "load average", "%.1f-%.1f")]


def round_args(doc, known):
    """The command line of an alternate()-based script: --rounds, --warmup and workload names
    (default: all of `known`); exits naming any unknown one. Returns (args, names)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("names", nargs="*", help="workloads (default: all %d)" % len(known))
    args = ap.parse_args()
    unknown = [n for n in args.names if n not in known]
    if unknown:
        sys.exit("unknown workload(s) %s; known: %s" % (unknown, ", ".join(known)))
    return args, args.names or list(known)
