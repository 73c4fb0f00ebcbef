"""Records the double-descent notebook's label noise: label-noise-*.json in the dataset library's
test resources (workbench/mnist1d/src/test/resources/org/mnist1d/reference/).

The notebook (cell 4) makes the dataset with make_dataset(args) (which seeds NumPy's global legacy
stream with args.seed at its start) and then, continuing that same stream, for each TRAIN label i
in order: if np.random.random_sample() < p: y[i] = np.random.randint(0, 10). The label may be
redrawn to itself. Test labels stay clean.

This script first proves mnist1d_generator.py faithful against the Python reference's vectors
(it stops if they are missing or differ), then records three cases:
  label-noise-n16000-p0.15.json  num_samples 16000, train_split 0.25 (the notebook's), p 0.15
  label-noise-n200-p0.3.json     num_samples 200, p 0.3, seed 42
  label-noise-n100-p1.0.json     num_samples 100, p 1.0 (every train label redrawn)

  /usr/bin/python3 workbench/src/test/python/mnist1d_label_noise.py [REFERENCE_DIR]

REFERENCE_DIR (the generator's reference vectors) defaults to
workbench/mnist1d/src/test/resources/org/mnist1d/reference/.
"""

import os
import sys

import numpy as np

import mnist1d_generator as gen
import reflib

GENERATOR = "workbench/src/test/python/mnist1d_label_noise.py"

CASES = [
    ("label-noise-n16000-p0.15.json", {"num_samples": 16000, "train_split": 0.25}, 0.15),
    ("label-noise-n200-p0.3.json", {"num_samples": 200, "seed": 42}, 0.3),
    ("label-noise-n100-p1.0.json", {"num_samples": 100}, 1.0),
]


def add_noise(y, p):
    """The notebook's loop, on NumPy's global stream as it stands."""
    y = y.copy()
    redrawn = []
    for i in range(len(y)):
        if np.random.random_sample() < p:
            y[i] = np.random.randint(0, 10)
            redrawn.append(i)
    return y, redrawn


def record(overrides, p):
    args = gen.args_with(**overrides)
    d = gen.make_dataset(args)            # seeds the global stream with args["seed"]
    y_clean = d["y"]
    y_noisy, redrawn = add_noise(y_clean, p)
    next_sample = float(np.random.random_sample())
    changed = int((y_noisy != y_clean).sum())
    assert all(0 <= v < 10 for v in y_noisy)
    assert changed <= len(redrawn)
    assert set(np.nonzero(y_noisy != y_clean)[0]) <= set(redrawn)
    if p >= 1.0:
        assert len(redrawn) == len(y_clean)
    return {
        "about": "the double-descent notebook's train-label noise: after make_dataset(args), continuing NumPy's "
                 "global legacy stream, for i in 0..n_train-1: if np.random.random_sample() < p: "
                 "y[i] = np.random.randint(0, 10)",
        "generator": GENERATOR,
        "versions": reflib.versions(),
        "args": args,
        "p": p,
        "n_train": int(len(y_clean)),
        "n_test": int(len(d["y_test"])),
        "y_clean": [int(v) for v in y_clean],
        "y_noisy": [int(v) for v in y_noisy],
        "redrawn": len(redrawn),
        "changed": changed,
        "redrawn_indices": [int(i) for i in redrawn],
        "next_random_sample": next_sample,
        "x_first": [float(v) for v in d["x"][0]],
        "x_test_first": [float(v) for v in d["x_test"][0]],
        "y_test_first10": [int(v) for v in d["y_test"][:10]],
    }


def main():
    reference_dir = sys.argv[1] if len(sys.argv) > 1 else gen.DEFAULT_REFERENCE_DIR
    gen.verify(reference_dir)
    for name, overrides, p in CASES:
        doc = record(overrides, p)
        print("%s: %d train labels, %d redrawn, %d changed" % (name, doc["n_train"], doc["redrawn"], doc["changed"]))
        reflib.write_json(os.path.join(reflib.MNIST1D_OUT, name), doc)


if __name__ == "__main__":
    main()
