#!/usr/bin/python3
"""Reference values for the Java t-SNE in org.mnist1d.workbench.embedding.

Run with Debian's interpreter (numpy 1.24, scipy 1.10, scikit-learn 1.2.1):

    /usr/bin/python3 workbench/src/test/python/tsne_reference.py

It writes small JSON files under workbench/src/test/resources/reference/tsne/ that the Java tests
read; nothing here runs at test time.

The affinities are computed by a NumPy implementation of openTSNE's perplexity search (written
here from its description, not copied): for each point a Gaussian precision tau is found by
bisection so that the entropy of the conditional distribution over its k nearest neighbours equals
log(perplexity); the search starts at tau = 1, doubles or halves tau until the root is bracketed,
then bisects, stopping when |entropy - log(perplexity)| <= 1e-8 or after 200 steps. The row weights
are sqrt(tau) * exp(-tau d^2 / 2) with 2.2e-16 added to their sum, as in openTSNE. The symmetric P
is (C + C^T) / 2 divided by its total. That NumPy search is cross-checked here against
scikit-learn's own binary search (`_binary_search_perplexity`, float32 distances, entropy tolerance
1e-5), both with all other points as neighbours (scikit-learn's exact method) and on the k nearest.

A short run of openTSNE's optimiser (exact gradient, NumPy) from the PCA start gives a layout
and its KL to compare whole Java runs against.

The KL divergence and its gradient at a fixed embedding come from scikit-learn's exact
`_kl_divergence` with degrees_of_freedom=1. scikit-learn's gradient is the true gradient
dKL/dy = 4 sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j); openTSNE (and the Java code)
use a quarter of it.
"""
import json
import os

import numpy as np
from scipy.spatial.distance import squareform
from sklearn.decomposition import PCA
from sklearn.manifold import _t_sne, _utils
from sklearn.neighbors import KNeighborsClassifier

EPSILON = np.finfo(np.float64).eps
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference", "tsne")


def blobs(rng, n, dim, centres, spread, decimals=4):
    """Points around `centres` random centres; values rounded so Java parses the same doubles."""
    c = rng.normal(0.0, 3.0, size=(centres, dim))
    labels = np.arange(n) % centres
    rng.shuffle(labels)
    x = c[labels] + rng.normal(0.0, spread, size=(n, dim))
    return np.round(x, decimals), labels


def squared_distances(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.sum(diff * diff, axis=-1)


def nearest(d2, k):
    """Indices of the k nearest other points, nearest first; ties by smaller index."""
    n = d2.shape[0]
    idx = np.empty((n, k), dtype=int)
    for i in range(n):
        order = np.argsort(d2[i], kind="stable")
        order = order[order != i]
        idx[i] = order[:k]
    return idx


def perplexity_search(d2_rows, perplexity, tol=1e-8, max_iter=200):
    """Conditional P rows and precisions tau, by bisection on the entropy (openTSNE's scheme)."""
    n, k = d2_rows.shape
    target = np.log(perplexity)
    rows = np.zeros((n, k))
    taus = np.ones(n)
    for i in range(n):
        d2 = d2_rows[i]
        tau, lo, hi = 1.0, -np.inf, np.inf
        for _ in range(max_iter):
            w = np.sqrt(tau) * np.exp(-d2 * tau * 0.5)
            total = w.sum() + EPSILON
            p = w / total
            entropy = tau * 0.5 * np.dot(p, d2) + np.log(total) - 0.5 * np.log(tau)
            diff = entropy - target
            if abs(diff) <= tol:
                break
            if diff > 0:
                lo = tau
                tau = tau * 2 if np.isinf(hi) else (tau + hi) / 2
            else:
                hi = tau
                tau = tau / 2 if np.isinf(lo) else (tau + lo) / 2
        rows[i] = w / w.sum()
        taus[i] = tau
    return rows, taus


def symmetric(rows, neighbours):
    n = rows.shape[0]
    c = np.zeros((n, n))
    for i in range(n):
        c[i, neighbours[i]] = rows[i]
    p = (c + c.T) / 2
    return p / p.sum()


def upper_triangle(p):
    i, j = np.nonzero(np.triu(p, 1))
    return {"i": i.tolist(), "j": j.tolist(), "p": short(p[i, j])}


def short(a, digits=13):
    return [float(f"{v:.{digits}g}") for v in np.asarray(a, dtype=float).ravel()]


def knn_accuracy(y, labels, k):
    """Leave-one-out k-NN accuracy; ties in the vote go to the smallest label."""
    d2 = squared_distances(y)
    nb = nearest(d2, k)
    correct = 0
    for i in range(len(y)):
        votes = np.bincount(labels[nb[i]], minlength=labels.max() + 1)
        correct += int(np.argmax(votes) == labels[i])  # argmax: first (smallest) label of the ties
    return correct / len(y)


def kl_reference(p, y):
    n = p.shape[0]
    kl, grad = _t_sne._kl_divergence(y.ravel().copy(), squareform(p, checks=False), 1, n, 2)
    return float(kl), grad.reshape(n, 2)


def relative_gap(a, b):
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def nearest_neighbour_case(rng):
    """200 points in 10-D, perplexity 10 on the 30 nearest neighbours."""
    x, labels = blobs(rng, 200, 10, 3, 1.0)
    perplexity, k = 10.0, 30
    d2 = squared_distances(x)
    nb = nearest(d2, k)
    d2_nb = np.take_along_axis(d2, nb, axis=1)
    rows, taus = perplexity_search(d2_nb, perplexity)
    p = symmetric(rows, nb)

    sk_rows = _utils._binary_search_perplexity(d2_nb.astype(np.float32), perplexity, 0)
    gap = relative_gap(rows, sk_rows)
    print(f"knn: NumPy search vs scikit-learn's, max |dP| / max P = {gap:.2e}")
    assert gap < 1e-4

    y = np.round(rng.normal(0.0, 3.0, size=(200, 2)), 4)
    kl, grad = kl_reference(p, y)
    write("affinities_knn.json", {
        "perplexity": perplexity,
        "k": k,
        "x": x.tolist(),
        "labels": labels.tolist(),
        "neighbours": nb.tolist(),
        "conditional": [short(r) for r in rows],
        "tau": short(taus),
        "symmetricUpper": upper_triangle(p),
        "sklearnGap": gap,
        "y": y.tolist(),
        "klDivergence": kl,
        "sklearnGradient": short(grad, 15),
        "knnAccuracy10": knn_accuracy(y, labels, 10),
        "knnAccuracy10Sklearn": sklearn_loo_accuracy(y, labels, 10),
    })
    return x


def sklearn_loo_accuracy(y, labels, k):
    """The same leave-one-out accuracy from scikit-learn's classifier, to cross-check ours."""
    clf = KNeighborsClassifier(n_neighbors=k + 1, algorithm="brute").fit(y, labels)
    nb = clf.kneighbors(y, return_distance=False)
    correct = 0
    for i in range(len(y)):
        others = [j for j in nb[i] if j != i][:k]
        votes = np.bincount(labels[others], minlength=labels.max() + 1)
        correct += int(np.argmax(votes) == labels[i])
    return correct / len(y)


def exact_case(rng):
    """60 points in 5-D, perplexity 10 over all other points (scikit-learn's exact method)."""
    x, _ = blobs(rng, 60, 5, 2, 1.0)
    n, perplexity = len(x), 10.0
    d2 = squared_distances(x)
    nb = nearest(d2, n - 1)
    d2_nb = np.take_along_axis(d2, nb, axis=1)
    rows, taus = perplexity_search(d2_nb, perplexity)
    p = symmetric(rows, nb)

    sk_p = squareform(_t_sne._joint_probabilities(d2, perplexity, 0))
    gap = relative_gap(p, sk_p)
    print(f"exact: NumPy P vs scikit-learn's _joint_probabilities, max |dP| / max P = {gap:.2e}")
    assert gap < 1e-4

    y = np.round(rng.normal(0.0, 2.0, size=(n, 2)), 4)
    kl, grad = kl_reference(p, y)
    write("affinities_exact.json", {
        "perplexity": perplexity,
        "x": x.tolist(),
        "neighbours": nb.tolist(),
        "conditional": [short(r) for r in rows],
        "tau": short(taus),
        "symmetricUpper": upper_triangle(p),
        "sklearnSymmetricUpper": upper_triangle(sk_p),
        "sklearnGap": gap,
        "y": y.tolist(),
        "klDivergence": kl,
        "sklearnGradient": short(grad, 15),
    })


def pca_case(x):
    pca = PCA(n_components=2, svd_solver="full")
    scores = pca.fit_transform(x)
    # openTSNE's PCA initialisation: both columns divided so that the first has std 1e-4.
    init = scores / (np.std(scores[:, 0]) / 1e-4)
    write("pca.json", {
        "x": x.tolist(),
        "components": [short(c, 15) for c in pca.components_],
        "explainedVariance": short(pca.explained_variance_, 15),
        "mean": short(pca.mean_, 15),
        "scores": short(scores, 15),
        "openTsneInit": short(init, 15),
    })


def exact_gradient(p, y, exaggeration):
    """openTSNE's gradient (a quarter of dKL/dy) with the exact repulsion, dof = 1."""
    diff = y[:, None, :] - y[None, :, :]
    w = 1.0 / (1.0 + np.sum(diff * diff, axis=-1))
    np.fill_diagonal(w, 0.0)
    z = w.sum()
    attraction = exaggeration * np.einsum("ij,ijd->id", p * w, diff)
    repulsion = np.einsum("ij,ijd->id", w * w, diff) / z
    return attraction - repulsion


def exact_kl(p, y):
    diff = y[:, None, :] - y[None, :, :]
    w = 1.0 / (1.0 + np.sum(diff * diff, axis=-1))
    np.fill_diagonal(w, 0.0)
    q = w / w.sum()
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / q[nz])))


def open_tsne_descent(p, y, early, later, min_gain=0.01, max_step_norm=5.0, momentum=0.8):
    """openTSNE 1.0's optimiser, written from its description: momentum 0.8 in both phases,
    learning rate N / exaggeration, delta-bar-delta gains (+0.2 when the gradient's sign differs
    from the last step's, else *0.8 + min_gain), per-point step clipped to norm 5, re-centred
    after every step; gains and the last step carry over between the phases."""
    n = len(y)
    y = y.copy()
    gains = np.ones_like(y)
    update = np.zeros_like(y)
    early_kl = None
    for t in range(early + later):
        if t == early:
            early_kl = exact_kl(p, y)
        exaggeration = 12.0 if t < early else 1.0
        grad = exact_gradient(p, y, exaggeration)
        flipped = np.sign(update) != np.sign(grad)
        gains[flipped] += 0.2
        gains[~flipped] = gains[~flipped] * 0.8 + min_gain
        update = momentum * update - (n / exaggeration) * gains * grad
        norms = np.linalg.norm(update, axis=1)
        big = norms > max_step_norm
        update[big] = update[big] / norms[big, None] * max_step_norm
        y += update
        y -= y.mean(axis=0)
    return y, early_kl, exact_kl(p, y)


def descent_case():
    """openTSNE's schedule (shortened: 50 + 100 steps) from the PCA start, on the kNN case's P,
    both read back from the JSON so that Java starts from exactly the same doubles."""
    with open(os.path.join(OUT, "affinities_knn.json")) as f:
        knn = json.load(f)
    with open(os.path.join(OUT, "pca.json")) as f:
        init = np.array(json.load(f)["openTsneInit"]).reshape(-1, 2)
    up = knn["symmetricUpper"]
    p = np.zeros((len(init), len(init)))
    p[up["i"], up["j"]] = up["p"]
    p[up["j"], up["i"]] = up["p"]
    early, later = 50, 100
    y, early_kl, kl = open_tsne_descent(p, init, early, later)
    write("descent.json", {
        "earlyIterations": early,
        "iterations": later,
        "earlyKlDivergence": early_kl,
        "klDivergence": kl,
        "y": short(y, 15),
    })


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261201)
    x = nearest_neighbour_case(rng)
    exact_case(rng)
    pca_case(x)
    descent_case()


if __name__ == "__main__":
    main()
