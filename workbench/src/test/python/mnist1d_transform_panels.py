"""The building-mnist1d notebook's cumulative-transform figure, recorded as numbers.

For panel i = 0..7 the notebook sets np.random.seed(0), takes the default dataset arguments with
the first 7 - i of its ablations applied (shear_scale 0, iid_noise_scale 0, corr_noise_scale 0,
max_translation 1, scale_coeff 0, padding [60, 60], padding [0, 0]) and, unless the padding is
[0, 0] (panel 0: the templates themselves), transforms the ten templates in order from that one
stream. Its plotting loop feeds each template's transformed time axis to the next template's
transform; that is kept here (the axis stays linear, so it matters only to rounding).

Uses the generator port in mnist1d_generator.py (which checks itself against the reference
generator's vectors). Writes reference/mnist1d/transform-panels-seed0.json:
{"panels": [{"ablations": n, "args": {...}, "x": [[40 floats] x 10], "t": [[...] x 10]}, ...]}

  /usr/bin/python3 workbench/src/test/python/mnist1d_transform_panels.py
"""

import json
import os

import numpy as np

import mnist1d_generator as gen

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "reference", "mnist1d",
                                    "transform-panels-seed0.json"))


def ablated(n):
    a = gen.args_with()
    high = a["padding"][-1]
    ablations = [("shear_scale", 0), ("iid_noise_scale", 0), ("corr_noise_scale", 0),
                 ("max_translation", 1), ("scale_coeff", 0), ("padding", [high, high]),
                 ("padding", [0, 0])]
    for k, v in ablations[:n]:
        a[k] = v
    return a


def panels():
    templates = gen.templates()
    out = []
    for i in range(8):
        n = 7 - i
        np.random.seed(0)
        a = ablated(n)
        t = templates["t"]
        xs, ts = [], []
        for d in range(10):
            x = templates["x"][d]
            if a["padding"][0] != 0:
                x, t = gen.transform(x, t, a)
            xs.append([float(v) for v in x])
            ts.append([float(v) for v in t])
        out.append({"panel": i, "ablations": n, "args": a, "x": xs, "t": ts})
    return out


def main():
    gen.verify(verbose=False)
    import scipy
    record = {
        "about": "building-mnist1d notebook, cell 'Visualize Transformations': the ten templates "
                 "transformed with the first 7 - i ablations, np.random.seed(0) per panel",
        "generator": "workbench/src/test/python/mnist1d_transform_panels.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "panels": panels(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(record, f, allow_nan=False)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
