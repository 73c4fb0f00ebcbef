"""Checkpoint files written by NumPy, for the workbench's CheckpointFileTest.

Writes, under workbench/src/test/resources/reference/checkpoint/:
- numpy-written.npz: a checkpoint in the workbench's binary format (docs/configs.md, "Run
  directories"), made here with NumPy and zipfile alone: `checkpoint.json` (format, step,
  metric_rows, values, the array names) and one float64 .npy per array, written by np.save;
- legacy.json: the same checkpoint in the text format of earlier workbench versions (arrays as
  JSON numbers), which the workbench still reads so that old runs resume.

Both hold the arrays a = arange(7) / 3 and b = [-0.0, 5e-324, 1e308, -2.5], step 1200 and
metric_rows 13; the test builds the same values in Java and compares bit for bit. Then it reads
its own file back with np.load, as a Python user would, to check that NumPy opens the format.

Run from the repository root:  /usr/bin/python3 workbench/src/test/python/checkpoint_format.py
"""

import io
import json
import os
import zipfile

import numpy as np

OUT = "workbench/src/test/resources/reference/checkpoint"
ARRAYS = {
    "param.a": np.arange(7) / 3.0,
    "opt.b": np.array([-0.0, 5e-324, 1e308, -2.5]),
}
VALUES = {"round": 3, "lr": 0.1, "note": "fixture"}
STEP = 1200
METRIC_ROWS = 13


def npy(a):
    buf = io.BytesIO()
    np.save(buf, np.asarray(a, dtype="<f8"))
    return buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    names = sorted(ARRAYS)
    header = {
        "format": "mnist1d-workbench checkpoint 1",
        "step": STEP,
        "metric_rows": METRIC_ROWS,
        "values": VALUES,
        "arrays": names,
    }
    path = os.path.join(OUT, "numpy-written.npz")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        # a fixed date, so that running this again gives the same bytes
        info = zipfile.ZipInfo("checkpoint.json", date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, json.dumps(header, indent=2))
        for n in names:
            z.writestr(zipfile.ZipInfo(n + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), npy(ARRAYS[n]))
    legacy = {
        "step": STEP,
        "metric_rows": METRIC_ROWS,
        "values": VALUES,
        "arrays": {n: [float(v) for v in ARRAYS[n]] for n in names},
    }
    with open(os.path.join(OUT, "legacy.json"), "w") as f:
        json.dump(legacy, f, indent=2)
        f.write("\n")
    # what a Python user does with a run's checkpoint
    loaded = np.load(path)
    assert json.loads(loaded["checkpoint.json"])["step"] == STEP
    for n in names:
        assert np.array_equal(loaded[n].view("<i8"), ARRAYS[n].view("<i8")), n
    print("wrote", path, "and legacy.json")


if __name__ == "__main__":
    main()
