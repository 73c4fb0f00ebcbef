#!/usr/bin/python3
"""The workbench's t-SNE beside scikit-learn's on the same machine, in one run.

    /usr/bin/python3 workbench/src/test/python/tsne_speed.py [--threads 1] [--skip-exact]

Makes the default MNIST-1D dataset with the generator port (mnist1d_generator.py, the reference's
arrays), then times, one after the other:

- the workbench: `bin/workbench bench tsne-mnist1d-5000 tsne-mnist1d-1000 --threads N --json`
  (exact gradient, openTSNE's schedule: 250 steps at exaggeration 12 with learning rate N/12,
  then 500 at learning rate N, momentum 0.8);
- scikit-learn 1.2's TSNE, Barnes-Hut (angle 0.5, its default) on all 5000 points, and its exact
  method on the first 1000, with the closest settings it has: perplexity 30, PCA start,
  exaggeration 12 for 250 steps, 750 steps in all, learning rate N/12 throughout (it has no
  second rate), momentum 0.5 then 0.8 (fixed in scikit-learn), no early stop.

openTSNE itself (upstream's library) is not installable here (no PyPI). Prints one line per
measurement; not used by the tests.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, HERE)
import mnist1d_generator as gen  # noqa: E402


def sklearn_tsne(x, method):
    n = len(x)
    t = TSNE(n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate=n / 12.0,
             n_iter=750, n_iter_without_progress=10000, min_grad_norm=0.0, init="pca",
             method=method, angle=0.5, random_state=0)
    t0 = time.perf_counter()
    t.fit_transform(x)
    return time.perf_counter() - t0, float(t.kl_divergence_)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--skip-exact", action="store_true")
    a = p.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), OPENBLAS_NUM_THREADS=str(a.threads),
               MKL_NUM_THREADS=str(a.threads))
    print("machine: %d cores, load average %.1f; numpy %s, scikit-learn %s" % (
        os.cpu_count(), os.getloadavg()[0], np.__version__, sklearn.__version__))
    out = subprocess.run([os.path.join(ROOT, "bin", "workbench"), "bench", "tsne-mnist1d-5000",
                          "tsne-mnist1d-1000", "--threads", str(a.threads), "--json"],
                         capture_output=True, text=True, check=True, env=env).stdout
    for line in out.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            print("workbench %-18s exact, %d thread(s): median %.1f s (min %.1f, max %.1f, %d run(s))" % (
                r["name"], a.threads, r["median_ms"] / 1e3, r["min_ms"] / 1e3, r["max_ms"] / 1e3,
                r["iterations"]))
    data = gen.make_dataset(gen.args_with())
    x = np.concatenate([data["x"], data["x_test"]])
    secs, kl = sklearn_tsne(x, "barnes_hut")
    print("scikit-learn TSNE 5000 barnes_hut: %.1f s, KL (its estimate) %.4f" % (secs, kl))
    if not a.skip_exact:
        secs, kl = sklearn_tsne(x[:1000], "exact")
        print("scikit-learn TSNE 1000 exact: %.1f s, KL %.4f" % (secs, kl))
    print("load average at the end %.1f" % os.getloadavg()[0])


if __name__ == "__main__":
    main()
