"""Records the four benchmark classifiers (shared/spec/experiments.md section 1) in PyTorch:
reference/torch/models-benchmark-{logistic,mlp,cnn,gru}.json.

For each model: torch.manual_seed(seed) then the modules are constructed in the order of the
upstream notebooks/models.py (torch's default init, float32); the input batch is 6 x 40 standard
normal values (NumPy RandomState(2024)) with fixed labels. Recorded: every parameter (state_dict
order), the logits, the mean cross-entropy loss (F.cross_entropy) and the gradient of that loss
with respect to every parameter, in float64 (model.double(), an exact cast of the float32 init)
and float32.

Run: /usr/bin/python3 workbench/src/test/python/torch_models_benchmark.py
"""

import os

import numpy as np
import torch.nn as nn
import torch.nn.functional as F

import reflib
from reflib import torch

BATCH = 6
LABELS = [3, 0, 7, 1, 9, 4]


class Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(40, 10)

    def forward(self, x):
        return self.linear(x)


class Mlp(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.linear1 = nn.Linear(40, hidden)
        self.linear2 = nn.Linear(hidden, hidden)
        self.linear3 = nn.Linear(hidden, 10)

    def forward(self, x):
        h = F.relu(self.linear1(x))
        h = h + F.relu(self.linear2(h))
        return self.linear3(h)


class Cnn(nn.Module):
    def __init__(self, channels=25):
        super().__init__()
        self.conv1 = nn.Conv1d(1, channels, 5, stride=2, padding=1)
        self.conv2 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.conv3 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.linear = nn.Linear(channels * 5, 10)

    def forward(self, x):
        h = x.view(x.shape[0], 1, x.shape[-1])
        h = F.relu(self.conv1(h))
        h = F.relu(self.conv2(h))
        h = F.relu(self.conv3(h))
        return self.linear(h.view(h.shape[0], -1))


class Gru(nn.Module):
    def __init__(self, hidden=6, steps=40):
        super().__init__()
        self.hidden = hidden
        self.gru = nn.GRU(input_size=1, hidden_size=hidden, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(2 * hidden * steps, 10)

    def forward(self, x):
        seq = x.view(x.shape[0], x.shape[1], 1)
        h0 = torch.zeros(2, x.shape[0], self.hidden, dtype=x.dtype)
        out, _ = self.gru(seq, h0)                   # (batch, 40, 2*hidden): [forward | reverse]
        return self.linear(out.reshape(out.shape[0], -1))


MODELS = [
    ("logistic", 0, Logistic, "Linear(40,10)"),
    ("mlp", 1, Mlp, "h = relu(linear1 x); h = h + relu(linear2 h); linear3 h; hidden 100"),
    ("cnn", 2, Cnn, "x viewed as (B,1,40); relu(conv1: Conv1d(1,25,5,s2,p1)) -> (B,25,19); "
                    "relu(conv2: Conv1d(25,25,3,s2,p1)) -> (B,25,10); relu(conv3: Conv1d(25,25,3,s2,p1)) "
                    "-> (B,25,5); view(B,-1) -> 125 (index c*5+l); linear: Linear(125,10)"),
    ("gru", 3, Gru, "x viewed as (B,40,1); bidirectional GRU (input 1, hidden 6, batch_first, h0 = 0) "
                    "-> output (B,40,12), feature t*12 + d*6 + j (d = 0 forward, 1 reverse); "
                    "reshape(B,-1) -> 480; linear: Linear(480,10)"),
]


# --- independent NumPy re-implementations (float64), to check the recorded logits --------------

def np_conv1d(h, w, b, stride, pad):
    """h (B,Cin,L), w (Cout,Cin,K): cross-correlation with zero padding, like torch's conv1d."""
    bsz, cin, length = h.shape
    cout, _, k = w.shape
    hp = np.concatenate([np.zeros((bsz, cin, pad)), h, np.zeros((bsz, cin, pad))], axis=2)
    lout = (length + 2 * pad - k) // stride + 1
    out = np.empty((bsz, cout, lout))
    for i in range(lout):
        win = hp[:, :, i * stride:i * stride + k]             # (B,Cin,K)
        out[:, :, i] = np.einsum("bck,ock->bo", win, w) + b
    return out


def np_forward(name, p, x):
    relu = lambda v: np.maximum(v, 0)
    if name == "logistic":
        return x @ p["linear.weight"].T + p["linear.bias"]
    if name == "mlp":
        h = relu(x @ p["linear1.weight"].T + p["linear1.bias"])
        h = h + relu(h @ p["linear2.weight"].T + p["linear2.bias"])
        return h @ p["linear3.weight"].T + p["linear3.bias"]
    if name == "cnn":
        h = x[:, None, :]
        for i in (1, 2, 3):
            h = relu(np_conv1d(h, p["conv%d.weight" % i], p["conv%d.bias" % i], 2, 1))
        return h.reshape(h.shape[0], -1) @ p["linear.weight"].T + p["linear.bias"]
    # gru: gates in torch's order r, z, n; n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    sig = lambda v: 1 / (1 + np.exp(-v))
    bsz, steps = x.shape
    hid = p["gru.weight_hh_l0"].shape[1]
    out = np.zeros((bsz, steps, 2 * hid))
    for d, suffix in enumerate(("_l0", "_l0_reverse")):
        wih, whh = p["gru.weight_ih" + suffix], p["gru.weight_hh" + suffix]
        bih, bhh = p["gru.bias_ih" + suffix], p["gru.bias_hh" + suffix]
        h = np.zeros((bsz, hid))
        order = range(steps) if d == 0 else range(steps - 1, -1, -1)
        for t in order:
            gi = x[:, t:t + 1] @ wih.T + bih
            gh = h @ whh.T + bhh
            r = sig(gi[:, :hid] + gh[:, :hid])
            z = sig(gi[:, hid:2 * hid] + gh[:, hid:2 * hid])
            n = np.tanh(gi[:, 2 * hid:] + r * gh[:, 2 * hid:])
            h = (1 - z) * n + z * h
            out[:, t, d * hid:(d + 1) * hid] = h
    return out.reshape(bsz, -1) @ p["linear.weight"].T + p["linear.bias"]


def make_input():
    rs = np.random.RandomState(2024)
    x = rs.randn(BATCH, 40)
    return torch.tensor(x, dtype=torch.float64), torch.tensor(LABELS, dtype=torch.long)


def main():
    x, y = make_input()
    for name, seed, cls, desc in MODELS:
        torch.manual_seed(seed)
        model = cls()

        def forward(m, xin):
            out = m(xin)
            return out, {"logits": out}

        reflib.directional_check(model, forward, lambda out: F.cross_entropy(out, y), x, name)
        rec = reflib.record_model(name, model, x, forward, lambda out: F.cross_entropy(out, y), desc,
                                  "torch.manual_seed(%d); %s() with torch's default init (float32)"
                                  % (seed, cls.__name__))
        params = {e["name"]: np.array(e["values"]).reshape(e["shape"]) for e in rec["params"]}
        reflib.assert_close(np_forward(name, params, x.numpy()), rec["float64"]["logits"], 1e-12, 1e-12,
                            name + " logits vs NumPy re-implementation")
        doc = {
            "about": "PyTorch reference for the benchmark model '%s': parameters, logits, mean "
                     "cross-entropy and its gradients, float64 and float32" % name,
            "generator": "workbench/src/test/python/torch_models_benchmark.py",
            "versions": reflib.versions(),
            "x": reflib.nested(x),
            "y": LABELS,
            "model": rec,
        }
        reflib.write_json(os.path.join(reflib.TORCH_OUT, "models-benchmark-%s.json" % name), doc)


if __name__ == "__main__":
    main()
