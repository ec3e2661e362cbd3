#!/usr/bin/env python3
"""Writes the golden fixtures the NN tests compare against (Tests/NNTests/Fixtures/).

Each classifier fixture holds the reference answer for one small classifier
(Embedding -> recurrent encoder over a packed batch -> pool -> Linear, the twin in
scripts/torch_recurrent.py) on a padded batch of mixed lengths (3, 7, 1, 5, 7, 2: two
ties, a single-token text, a repeated id; 0 = padding): the weights (float32), the
batch, the logits, probabilities, loss and every gradient. The reference computes in
float64 from the float32 weights, so the fixture is the exact answer for those weights.
For lstm / gru / rnn the reference is torch's own nn.LSTM / nn.GRU / nn.RNN(tanh); for
the peephole cell it is PeepholeLSTM (scripts/torch_peephole.py) under autograd.

JSON: config {vocabularySize, embeddingDim, hiddenSize, layers, classCount, pooling,
and for every fixture but the original bilstm_* ones also cell and directions},
tokens (B·T, row-major), lengths, labels, classWeights (or null), parameterNames (the
state-dict order), parameters, logits, probabilities, loss, gradients.

Fixtures (V = 13, K = 3, E = 6):
  bilstm_{1layer,2layer}_{last,max,mean}, bilstm_1layer_mean_weighted
      lstm, D = 2 (no cell / directions in config); 1 layer: H = 5, seed 0;
      2 layers: H = 8, seed 1; weighted: class weights (0.5, 2, 1.25), seed 2
  {gru,rnn,peephole}_1layer_last    D = 2, L = 1, H = 5, seed 0
  {gru,rnn,peephole}_2layer_max     D = 2, L = 2, H = 8, seed 1
  {gru,rnn,peephole}_1layer_mean    D = 2, L = 1, H = 5, seed 2
  {lstm,gru,rnn,peephole}_1way_2layer_last   D = 1, L = 2, H = 5, seed 3
  {lstm,gru,rnn,peephole}_1way_1layer_max    D = 1, L = 1, H = 5, seed 4

The optimizer fixture records torch.optim.Adam / AdamW / SGD steps and
clip_grad_norm_ on small tensors (float32).

Before writing anything it runs scripts/check_peephole_reference.py (the peephole
module with zero peepholes is nn.LSTM; padded batches equal sequences run alone).

Usage: ../venv/bin/python scripts/make_fixtures.py   (needs torch; the tests do not)
"""
import json
import os

import torch
import torch.nn as nn

import check_peephole_reference
from torch_recurrent import RecurrentClassifier

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNTests", "Fixtures")


def floats(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def classifier_fixture(name, L, H, E, pooling, class_weights=None, seed=0, cell=None, directions=None):
    """cell / directions = None: the original BiLSTM fixtures, whose config has neither."""
    torch.manual_seed(seed)
    V, K = 13, 3
    net = RecurrentClassifier(V, E, H, L, K, pooling, cell=cell or "lstm", directions=directions or 2)
    # Round the weights to float32 once: Swift loads exactly these values.
    state = {k: v.float() for k, v in net.state_dict().items()}
    net = net.double()
    net.load_state_dict({k: v.double() for k, v in state.items()})
    # Mixed lengths, two ties (stable order), a single-token text, repeated ids; 0 = padding.
    lengths = torch.tensor([3, 7, 1, 5, 7, 2])
    T = int(lengths.max())
    g = torch.Generator().manual_seed(seed + 1)
    tokens = torch.zeros(len(lengths), T, dtype=torch.long)
    for b, n in enumerate(lengths.tolist()):
        tokens[b, :n] = torch.randint(1, V, (n,), generator=g)
    tokens[0, 1] = tokens[0, 0]
    labels = torch.tensor([0, 2, 1, 1, 0, 2])
    logits = net(tokens, lengths)
    weight = None if class_weights is None else torch.tensor(class_weights, dtype=torch.float64)
    loss = nn.functional.cross_entropy(logits, labels, weight=weight)
    loss.backward()
    fixture = {
        "config": {"vocabularySize": V, "embeddingDim": E, "hiddenSize": H, "layers": L,
                   "classCount": K, "pooling": pooling},
        "tokens": tokens.reshape(-1).tolist(),
        "lengths": lengths.tolist(),
        "labels": labels.tolist(),
        "classWeights": class_weights,
        "parameterNames": list(state.keys()),
        "parameters": {k: floats(v) for k, v in state.items()},
        "logits": floats(logits),
        "probabilities": floats(torch.softmax(logits, dim=1)),
        "loss": float(loss.detach()),
        "gradients": {k: floats(p.grad) for k, p in net.named_parameters()},
    }
    if cell is not None:
        fixture["config"].update(cell=cell, directions=directions)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


def optimizer_fixture():
    torch.manual_seed(7)
    start = torch.randn(11)
    grads = [torch.randn(11) for _ in range(3)]
    cases = {
        "adam": (torch.optim.Adam, dict(lr=0.01)),
        "adam_l2": (torch.optim.Adam, dict(lr=0.01, weight_decay=0.1)),
        "adamw": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1)),
        "adam_betas": (torch.optim.Adam, dict(lr=0.003, betas=(0.8, 0.99), eps=1e-6)),
        "sgd_momentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.9)),
        "sgd_nesterov": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    }
    out = {"start": floats(start), "gradients": [floats(g) for g in grads], "cases": {}}
    for name, (cls, kwargs) in cases.items():
        p = nn.Parameter(start.clone())
        opt = cls([p], **kwargs)
        steps = []
        for g in grads:
            p.grad = g.clone()
            opt.step()
            steps.append(floats(p))
        out["cases"][name] = {"options": {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
                              "steps": steps}
    a, b = nn.Parameter(torch.zeros(5)), nn.Parameter(torch.zeros(6))
    a.grad, b.grad = torch.randn(5) * 2, torch.randn(6) * 2
    before = (floats(a.grad), floats(b.grad))
    norm = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    out["clip"] = {"maxNorm": 1.0, "gradients": list(before), "norm": float(norm),
                   "clipped": [floats(a.grad), floats(b.grad)]}
    with open(os.path.join(OUT, "optimizers.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    check_peephole_reference.main()
    os.makedirs(OUT, exist_ok=True)
    for pooling in ("last", "max", "mean"):
        classifier_fixture(f"bilstm_1layer_{pooling}", L=1, H=5, E=6, pooling=pooling)
        classifier_fixture(f"bilstm_2layer_{pooling}", L=2, H=8, E=6, pooling=pooling, seed=1)
    classifier_fixture("bilstm_1layer_mean_weighted", L=1, H=5, E=6, pooling="mean",
                       class_weights=[0.5, 2.0, 1.25], seed=2)
    for cell in ("gru", "rnn", "peephole"):
        classifier_fixture(f"{cell}_1layer_last", L=1, H=5, E=6, pooling="last", cell=cell, directions=2)
        classifier_fixture(f"{cell}_2layer_max", L=2, H=8, E=6, pooling="max", seed=1, cell=cell, directions=2)
        classifier_fixture(f"{cell}_1layer_mean", L=1, H=5, E=6, pooling="mean", seed=2, cell=cell, directions=2)
    for cell in ("lstm", "gru", "rnn", "peephole"):
        classifier_fixture(f"{cell}_1way_2layer_last", L=2, H=5, E=6, pooling="last", seed=3, cell=cell,
                           directions=1)
        classifier_fixture(f"{cell}_1way_1layer_max", L=1, H=5, E=6, pooling="max", seed=4, cell=cell,
                           directions=1)
    optimizer_fixture()
