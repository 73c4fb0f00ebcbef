#!/usr/bin/python3
"""Reference values for the Java probes (org.mnist1d.workbench.probe), from scikit-learn.

Run with Debian's interpreter (sklearn 1.2.1, numpy 1.24, scipy 1.10):

    /usr/bin/python3 workbench/src/test/python/probe_reference.py

It writes workbench/src/test/resources/reference/probe/probe_reference.json. The Java tests
read only that JSON; no Python runs at test time.

Protocol reproduced (upstream MNIST-1D self-supervised-learning notebook):
  * KNeighborsClassifier(n_neighbors=10), Euclidean and metric='cosine', fit on train, predict test;
  * make_pipeline(StandardScaler(), LogisticRegression(tol=1e-2, max_iter=1000)).
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn._loss.loss import HalfMultinomialLoss
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

SEED = 20240601
N_TRAIN, N_TEST, DIM, CLASSES, K = 300, 100, 16, 10, 10
CONSTANT_FEATURE = 5  # one zero-variance column: StandardScaler must leave it unscaled


def dataset(rng):
    """Gaussian class clusters, then per-feature affine maps so that standardising matters."""
    centers = rng.normal(0.0, 1.0, (CLASSES, DIM))
    y = rng.integers(0, CLASSES, N_TRAIN + N_TEST)
    x = centers[y] + rng.normal(0.0, 1.6, (N_TRAIN + N_TEST, DIM))
    scales = np.exp(rng.uniform(np.log(0.1), np.log(10.0), DIM))
    offsets = rng.uniform(-3.0, 3.0, DIM)
    x = x * scales + offsets
    x[:, CONSTANT_FEATURE] = 2.7
    return x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]


def knn(xtr, ytr, xte, metric, k=K):
    clf = KNeighborsClassifier(n_neighbors=k, metric=metric).fit(xtr, ytr)
    assert clf._fit_method == "brute", clf._fit_method  # trees order equal distances differently
    return clf.predict(xte), clf.kneighbors(xte, return_distance=False)


def stable_topk(dist, k):
    """The k nearest by (distance, index): the order the Java probe promises."""
    return np.argsort(dist, axis=1, kind="stable")[:, :k]


def tie_case():
    """Hand-made blocks, padded with zeros to DIM features, far apart from each other in both
    metrics, where sklearn's tie-breaking decides the prediction (k = 10):

      A  query (10, 0): five of label 7 at distance 0.5, five of label 2 at distance 1; a 5-5
         vote tie goes to the smaller label, 2 (not to the nearer 7);
      B  query (0, 10): seven distinct nearer points (labels 4,4,4,5,5,5,0), then four exact
         duplicates (labels 4,4,5,5) tied for the last three places; taking them by index
         gives 4,4,5 and prediction 4 (any other choice gives 5);
      C  query (-30, -30): ten points, labels split 3-3-3-1 between 6, 1, 5, 9 -> 1.
    Only exact duplicates tie in distance, so the ties do not depend on rounding.
    """
    pts, labels = [], []

    def add(p, lab):
        v = np.zeros(DIM)
        v[: len(p)] = p
        pts.append(v)
        labels.append(lab)

    for lab, p in [(7, (10, 0.5)), (2, (10, 1)), (7, (10, -0.5)), (2, (10, -1)), (7, (10, 0.5)),
                   (2, (10, 1)), (7, (10, -0.5)), (2, (10, -1)), (7, (10, 0.5)), (2, (10, 1))]:
        add(p, lab)
    for lab, p in [(4, (0.1, 10)), (5, (-0.2, 10)), (4, (0.3, 10.1)), (5, (-0.4, 9.9)),
                   (0, (0.5, 10)), (4, (-0.6, 10.2)), (5, (0.7, 9.8))]:
        add(p, lab)
    for lab in (4, 4, 5, 5):
        add((2, 10), lab)
    for i, lab in enumerate((6, 1, 5, 6, 1, 5, 6, 1, 5, 9)):
        add((-30 + 0.1 * i, -30 - 0.07 * i), lab)
    q = []
    for p in [(10, 0), (0, 10), (-30, -30)]:
        v = np.zeros(DIM)
        v[:2] = p
        q.append(v)
    return np.array(pts), np.array(labels), np.array(q)


def multinomial_objective(xs, y, coef, intercept, c):
    """sklearn 1.2's own loss object: sum of cross-entropies + 0.5/C ||W||^2 (intercept free)."""
    loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=coef.shape[0]), fit_intercept=True)
    w = np.hstack([coef, intercept[:, None]]).ravel(order="F")
    value, grad = loss.loss_gradient(w, xs, y.astype(np.float64), np.ones(len(y)), 1.0 / c)
    return float(value), float(np.abs(grad).max())


def newton_polish(xs, y, coef, intercept, c, steps=8):
    """Newton's method on the same objective from sklearn's tight solution, to remove the last
    digits L-BFGS-B leaves (its f-reduction stop can fire before gtol). Pseudo-inverse because
    a common shift of all intercepts leaves the objective unchanged."""
    n, d = xs.shape
    k = coef.shape[0]
    xa = np.hstack([xs, np.ones((n, 1))])
    theta = np.hstack([coef, intercept[:, None]])  # (k, d+1)
    onehot = np.eye(k)[y]
    pen = np.ones(d + 1) / c
    pen[d] = 0.0
    for _ in range(steps):
        z = xa @ theta.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot).T @ xa + theta * pen  # (k, d+1)
        h = np.zeros((k * (d + 1), k * (d + 1)))
        for a in range(k):
            for b in range(k):
                wgt = p[:, a] * ((a == b) - p[:, b])
                h[a * (d + 1):(a + 1) * (d + 1), b * (d + 1):(b + 1) * (d + 1)] = (xa * wgt[:, None]).T @ xa
        h += np.diag(np.tile(pen, k))
        step = np.linalg.lstsq(h, g.ravel(), rcond=None)[0]
        theta = theta - step.reshape(k, d + 1)
    return theta[:, :d], theta[:, d]


def logistic(xs_tr, ytr, xs_te, tol, max_iter):
    m = LogisticRegression(tol=tol, max_iter=max_iter).fit(xs_tr, ytr)
    value, gmax = multinomial_objective(xs_tr, ytr, m.coef_, m.intercept_, 1.0)
    return m, {
        "tol": tol,
        "max_iter": max_iter,
        "n_iter": int(m.n_iter_[0]),
        "coef": m.coef_.tolist(),
        "intercept": m.intercept_.tolist(),
        "objective": value,
        "gradient_max_abs": gmax,
        "predict": m.predict(xs_te).tolist(),
    }


def main():
    rng = np.random.default_rng(SEED)
    xtr, ytr, xte, yte = dataset(rng)
    out = {
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "seed": SEED,
        "k": K,
        "x_train": xtr.tolist(), "y_train": ytr.tolist(),
        "x_test": xte.tolist(), "y_test": yte.tolist(),
    }

    for metric in ("euclidean", "cosine"):
        pred, neigh = knn(xtr, ytr, xte, metric)
        out["knn_" + metric] = {"predict": pred.tolist(), "accuracy": float((pred == yte).mean())}

    tx, ty, tq = tie_case()
    out["tie_case"] = {"x_train": tx.tolist(), "y_train": ty.tolist(), "x_query": tq.tolist()}
    for metric in ("euclidean", "cosine"):
        pred, neigh = knn(tx, ty, tq, metric)
        from sklearn.metrics import pairwise_distances
        stable = stable_topk(pairwise_distances(tq, tx, metric=metric), K)
        same_sets = all(set(a) == set(b) for a, b in zip(neigh, stable))
        out["tie_case"][metric] = {"predict": pred.tolist(), "neighbours": neigh.tolist(),
                                   "same_neighbour_sets_as_stable_by_index": bool(same_sets)}

    scaler = StandardScaler().fit(xtr)
    out["scaler"] = {"mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist()}
    xs_tr, xs_te = scaler.transform(xtr), scaler.transform(xte)

    m, out["logistic_upstream"] = logistic(xs_tr, ytr, xs_te, 1e-2, 1000)
    out["logistic_upstream"]["accuracy"] = float(m.score(xs_te, yte))
    m, out["logistic_tight"] = logistic(xs_tr, ytr, xs_te, 1e-10, 10000)
    out["logistic_tight"]["accuracy"] = float(m.score(xs_te, yte))
    coef, intercept = newton_polish(xs_tr, ytr, m.coef_, m.intercept_, 1.0)
    value, gmax = multinomial_objective(xs_tr, ytr, coef, intercept, 1.0)
    polished_predict = np.argmax(xs_te @ coef.T + intercept, axis=1)
    out["logistic_polished"] = {"coef": coef.tolist(), "intercept": intercept.tolist(),
                                "objective": value, "gradient_max_abs": gmax,
                                "predict": m.classes_[polished_predict].tolist()}

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "resources", "reference", "probe", "probe_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    summary = {k: {kk: vv for kk, vv in v.items() if kk in ("accuracy", "n_iter", "objective",
               "gradient_max_abs", "same_neighbour_sets_as_stable_by_index", "predict")
               and not (kk == "predict" and len(vv) > 5)}
               for k, v in out.items() if isinstance(v, dict) and k not in ("versions",)}
    print(json.dumps(summary, indent=1), file=sys.stderr)
    print(os.path.getsize(path), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
