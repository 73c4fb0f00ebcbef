#!/usr/bin/python3
"""Reruns the probes of ProbeTimings with scikit-learn on the feature sets it dumped.

    java -cp workbench/target/classes:workbench/target/test-classes \\
        org.mnist1d.workbench.probe.ProbeTimings /tmp/probe_dump
    /usr/bin/python3 workbench/src/test/python/probe_compare.py /tmp/probe_dump

Prints, per feature set, scikit-learn's accuracies (percent), iterations and wall times next to
the Java ones from java_results.json. Not used by the tests.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path):
    a = np.loadtxt(path, delimiter=",")
    return a[:, 1:], a[:, 0].astype(int)


def timed(f):
    t0 = time.perf_counter()
    v = f()
    return v, time.perf_counter() - t0


def main(folder):
    java = json.load(open(os.path.join(folder, "java_results.json")))
    for name, j in java.items():
        xtr, ytr = load(os.path.join(folder, name + "_train.csv"))
        xte, yte = load(os.path.join(folder, name + "_test.csv"))
        row = [f"{name:9s} {xtr.shape[0]} x {xtr.shape[1]:3d}"]
        for metric in ("euclidean", "cosine"):
            knn = KNeighborsClassifier(n_neighbors=10, metric=metric)
            pred, sec = timed(lambda: knn.fit(xtr, ytr).predict(xte))
            acc = 100 * (pred == yte).mean()
            differ = int((pred != np.array(j["predict"]["knn_" + metric])).sum())
            row.append(f"kNN {metric} sklearn {acc:5.1f}% java {j['knn_' + metric]:5.1f}% "
                       f"({differ} predictions differ; {sec:.3f} s vs {j['seconds']['knn_' + metric]:.3f} s)")
        pipe = make_pipeline(StandardScaler(), LogisticRegression(tol=1e-2, max_iter=1000))
        _, sec = timed(lambda: pipe.fit(xtr, ytr))
        acc = 100 * pipe.score(xte, yte)
        differ = int((pipe.predict(xte) != np.array(j["predict"]["linear"])).sum())
        row.append(f"linear sklearn {acc:5.1f}% java {j['linear']:5.1f}% ({differ} predictions differ; "
                   f"iterations {pipe[-1].n_iter_[0]} vs {j['linear_iterations']}; "
                   f"fit {sec:.3f} s vs {j['seconds']['linear_fit']:.3f} s)")
        print("\n    ".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
