"""A Python port of the MNIST-1D generator, written from its description (workbench/mnist1d/GENERATOR.md).

It draws from NumPy's global legacy stream (np.random.seed / rand / randn / choice / permutation)
in exactly the order the reference does, and uses scipy.ndimage.gaussian_filter and
scipy.interpolate.interp1d, so after make_dataset() the global stream is where the reference leaves
it: the double-descent notebook's label noise continues from there (see mnist1d_label_noise.py).

Run as a script, it proves itself faithful against the Python reference's vectors
(dataset-default-n200.json, dataset-shuffled-n100-seed7.json, dataset-oddpad-n105.json, plus
templates.json and transform-trace.json when present): labels identical, values within 1e-9.

  /usr/bin/python3 workbench/src/test/python/mnist1d_generator.py [REFERENCE_DIR]

REFERENCE_DIR defaults to workbench/mnist1d/src/test/resources/org/mnist1d/reference/ (the
reference generator's vectors, kept as the dataset library's test resources).
"""

import json
import os
import sys

import numpy as np
from scipy.interpolate import interp1d
from scipy.ndimage import gaussian_filter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REFERENCE_DIR = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "mnist1d", "src", "test", "resources", "org", "mnist1d", "reference"))

DEFAULT_ARGS = {
    "num_samples": 5000,
    "train_split": 0.8,
    "template_len": 12,
    "padding": [36, 60],
    "scale_coeff": 0.4,
    "max_translation": 48,
    "corr_noise_scale": 0.25,
    "iid_noise_scale": 0.02,
    "shear_scale": 0.75,
    "shuffle_seq": False,
    "final_seq_length": 40,
    "seed": 42,
}

RAW_TEMPLATES = [
    [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
    [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
    [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
    [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
    [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
    [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
    [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
    [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
    [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
    [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
]


def args_with(**overrides):
    a = dict(DEFAULT_ARGS)
    a["padding"] = list(a["padding"])
    for k, v in overrides.items():
        if k not in a:
            raise KeyError(k)
        a[k] = v
    return a


def templates():
    """Normalised templates: minus mean, over population std, minus first value, over 6."""
    x = np.array(RAW_TEMPLATES, dtype=np.float64)
    x = x - x.mean(axis=1, keepdims=True)
    x = x / x.std(axis=1, keepdims=True)
    x = x - x[:, :1]
    return {"x": x / 6.0, "t": np.linspace(-5, 5, 12) / 6.0, "y": np.arange(10)}


def resample(v, n):
    """Linear interpolation of v, sampled on linspace(0,1,len(v)), at linspace(0,1,n)."""
    return interp1d(np.linspace(0, 1, len(v)), v, kind="linear")(np.linspace(0, 1, n))


def transform(x, t, a, trace=None):
    """One example from template x and its time axis t; the random draws in the reference's order."""
    low, high = a["padding"]
    # 1. pad with p zeros (the offset keeps template values non-zero for the mask of step 5)
    p = low + int(np.random.rand() * (high - low + 1))
    s = np.concatenate([x + 1e-8, np.zeros(p)])
    if trace is not None:
        trace["pad"] = s.copy()
    # 2. dilate to template_len + high points
    n = a["template_len"] + high
    s = resample(s, n)
    tt = resample(t, n)
    if trace is not None:
        trace["dilate"] = s.copy()
    # 3. scale
    s = s * (1 + a["scale_coeff"] * (np.random.rand() - 0.5))
    if trace is not None:
        trace["scale"] = s.copy()
    # 4. rotate right by k
    k = np.random.choice(a["max_translation"])
    if k:
        s = np.concatenate([s[-k:], s[:-k]])
    if trace is not None:
        trace["translate"] = s.copy()
    # 5. correlated noise where the signal is exactly zero (drawn in full whatever the mask)
    noise = gaussian_filter(a["corr_noise_scale"] * np.random.randn(len(s)), 2)
    s = np.where(s == 0, noise, s)
    if trace is not None:
        trace["corr_noise"] = s.copy()
    # 6. white noise
    s = s + a["iid_noise_scale"] * np.random.randn(len(s))
    if trace is not None:
        trace["iid_noise"] = s.copy()
    # 7. shear
    c = a["shear_scale"] * (np.random.rand() - 0.5)
    s = s - c * np.linspace(-0.5, 0.5, len(s))
    if trace is not None:
        trace["shear"] = s.copy()
    # 8. subsample
    s = resample(s, a["final_seq_length"])
    tt = resample(tt, a["final_seq_length"])
    if trace is not None:
        trace["subsample"] = s.copy()
    return s, tt


def make_dataset(a):
    """The dataset for argument dict a; leaves NumPy's global stream where the reference leaves it."""
    tpl = templates()
    np.random.seed(a["seed"])
    xs, ys = [], []
    t_final = None
    per_class = a["num_samples"] // len(tpl["y"])
    for label in range(len(tpl["y"])):
        for _ in range(per_class):
            xi, t_final = transform(tpl["x"][label], tpl["t"], a)
            xs.append(xi)
            ys.append(tpl["y"][label])
    perm = np.random.permutation(len(ys))
    x = np.stack(xs)[perm]
    y = np.array(ys)[perm]
    if a["shuffle_seq"]:
        x = x[:, np.random.permutation(a["final_seq_length"])]
    t = t_final / x.std()
    x = (x - x.mean()) / x.std()
    split = int(len(y) * a["train_split"])
    return {"x": x[:split], "y": y[:split], "x_test": x[split:], "y_test": y[split:], "t": t}


# --- faithfulness against the Python reference's vectors -------------------------------------------

DATASET_FILES = ["dataset-default-n200.json", "dataset-shuffled-n100-seed7.json", "dataset-oddpad-n105.json"]


def _max_diff(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape, (a.shape, b.shape)
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def verify(reference_dir=DEFAULT_REFERENCE_DIR, verbose=True):
    """Asserts the port reproduces the reference vectors in reference_dir; returns a summary."""
    summary = {}
    missing = [f for f in DATASET_FILES if not os.path.exists(os.path.join(reference_dir, f))]
    if missing:
        raise SystemExit("reference vectors missing in %s: %s "
                         "(pass the directory as the first argument)" % (reference_dir, ", ".join(missing)))
    for f in DATASET_FILES:
        with open(os.path.join(reference_dir, f)) as fh:
            ref = json.load(fh)
        a = args_with(**{k: v for k, v in ref["args"].items() if k in DEFAULT_ARGS})
        d = make_dataset(a)
        for k in ("y", "y_test"):
            assert [int(v) for v in d[k]] == [int(v) for v in ref[k]], "%s: %s differs" % (f, k)
        worst = max(_max_diff(d[k], ref[k]) for k in ("x", "x_test", "t"))
        assert worst <= 1e-9, "%s: values differ by %g" % (f, worst)
        summary[f] = worst
        if verbose:
            print("%-36s labels identical, max |diff| %.3g" % (f, worst))
    tp = os.path.join(reference_dir, "templates.json")
    if os.path.exists(tp):
        with open(tp) as fh:
            ref = json.load(fh)
        tpl = templates()
        worst = max(_max_diff(tpl["x"], ref["x"]), _max_diff(tpl["t"], ref["t"]))
        assert worst <= 1e-12 and [int(v) for v in ref["y"]] == list(range(10))
        summary["templates.json"] = worst
        if verbose:
            print("%-36s max |diff| %.3g" % ("templates.json", worst))
    tr = os.path.join(reference_dir, "transform-trace.json")
    if os.path.exists(tr):
        with open(tr) as fh:
            ref = json.load(fh)
        a = args_with(**{k: v for k, v in ref["args"].items() if k in DEFAULT_ARGS})
        tpl = templates()
        np.random.seed(a["seed"])
        trace = {}
        transform(tpl["x"][ref["template"]], tpl["t"], a, trace)
        worst = max(_max_diff(trace[k], v) for k, v in ref["steps"].items())
        assert worst <= 1e-9, worst
        summary["transform-trace.json"] = worst
        if verbose:
            print("%-36s every step, max |diff| %.3g" % ("transform-trace.json", worst))
    return summary


if __name__ == "__main__":
    verify(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_REFERENCE_DIR)
    print("the port reproduces the reference generator")
