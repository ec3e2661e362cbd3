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
clip_grad_norm_ on small tensors, and torch.optim.SparseAdam on an embedding table
whose batches touch some of its rows (float32).

The explain fixtures (Tests/ModelTests/Fixtures/explain_*.json, for the Explainer's
golden test) hold, for one twin and one 7-token sentence of made-up words, what
`sentiment explain` computes, in float64 from the float32 weights:
  - integrated gradients of the predicted class's logit z_c, baseline = every embedding
    zero, by m = 32 Gauss–Legendre nodes on [0, 1] (numpy's leggauss mapped by
    α = (1 + x)/2, weights halved; the same set as α = (1 − x)/2 since the nodes are
    symmetric): attribution_t = Σ_j e_tj · Σ_i w_i ∂z_c/∂x_tj at α_i·e, torch autograd;
    the logit at the text and at the baseline and the completeness error;
  - the gate traces at the text itself, per layer and direction (forward first), per
    token: every hidden unit's input / forget / output gates and c_t (LSTMs), reset /
    update gates (GRU), h_t, and their means over units, ‖c_t‖, ‖h_t‖. torch's modules
    do not expose gates, so a step-by-step forward written from the cell equations
    (float64, the module's weights) computes them; it must reproduce the module's
    output and final states to 1e-12.
JSON: config (as above, with cell and directions), words (the vocabulary, id order:
<pad>, <unk>, then one made-up word per id), text, tokens, parameterNames, parameters,
logits, probabilities, predictedClass, explainedClass, nodes, weights (float64),
attributions, logit, baselineLogit, completenessError, gates [{layer, direction,
input, forget, output, reset, update (means; null when the cell has no such gate),
cellNorm (null for the GRU), hiddenNorm, units {input, forget, output, reset, update,
cell, hidden: [token][unit] or null}}].

Explain fixtures (V = 13, K = 3, E = 6):
  explain_lstm_2layer_max         lstm,     D = 2, L = 2, H = 8, seed 18
  explain_gru_1layer_last         gru,      D = 2, L = 1, H = 5, seed 6
  explain_peephole_1way_mean      peephole, D = 1, L = 1, H = 5, seed 7

Before writing anything it runs scripts/check_peephole_reference.py (the peephole
module with zero peepholes is nn.LSTM; padded batches equal sequences run alone).

Usage: ../venv/bin/python scripts/make_fixtures.py   (needs torch; the tests do not)
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn

import check_peephole_reference
from torch_recurrent import RecurrentClassifier

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNTests", "Fixtures")
EXPLAIN_OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ModelTests", "Fixtures")


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
    out["sparseAdam"] = sparse_adam_case()
    with open(os.path.join(OUT, "optimizers.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))


def sparse_adam_case():
    """torch.optim.SparseAdam on a 5x3 table whose batches touch some rows: rows 0, 2, 2
    (a repeated id, summed), then 1, 4, then 2, 0, 4. Each step's gradient is the dense
    table gradient (zero on untouched rows) and the rows touched, in first-use order."""
    torch.manual_seed(11)
    table = nn.Embedding(5, 3, sparse=True)
    start = floats(table.weight)
    opt = torch.optim.SparseAdam(table.parameters(), lr=0.01)
    batches = [[0, 2, 2], [1, 4], [2, 0, 4]]
    gradients, rows, steps = [], [], []
    for ids in batches:
        opt.zero_grad()
        upstream = torch.randn(len(ids), 3)
        (table(torch.tensor(ids)) * upstream).sum().backward()
        gradients.append(floats(table.weight.grad.to_dense()))
        rows.append(list(dict.fromkeys(ids)))
        opt.step()
        steps.append(floats(table.weight))
    return {"rowWidth": 3, "lr": 0.01, "start": start, "gradients": gradients, "rows": rows, "steps": steps}


def stepwise_encoder(net, x):
    """The twin's encoder on one unpadded sentence x (T, E), step by step from the cell
    equations with the module's own weights. Returns the last layer's output (T, D·H),
    the final states h_n (L·D, H) and, for the LSTMs, c_n, and per layer and direction
    the trace {gate name: (T, H)} at each token in text order."""
    module, cell, H = net.encoder, net.cell, net.encoder.hidden_size
    layers, directions = module.num_layers, net.directions
    T = x.shape[0]
    finals_h, finals_c, traces = [], [], []
    for layer in range(layers):
        outputs = []
        for direction in range(directions):
            suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")

            def p(name):
                return getattr(module, name + suffix).detach()
            w_ih, w_hh, b_ih, b_hh = p("weight_ih"), p("weight_hh"), p("bias_ih"), p("bias_hh")
            h = x.new_zeros(H)
            c = x.new_zeros(H)
            names = ("input", "forget", "output", "cell", "hidden") if cell != "gru" else ("reset", "update", "hidden")
            trace = {name: [None] * T for name in names}
            for t in (range(T - 1, -1, -1) if direction == 1 else range(T)):
                if cell == "gru":
                    xi, hh = w_ih @ x[t] + b_ih, w_hh @ h + b_hh
                    r = torch.sigmoid(xi[:H] + hh[:H])
                    z = torch.sigmoid(xi[H:2 * H] + hh[H:2 * H])
                    n = torch.tanh(xi[2 * H:] + r * hh[2 * H:])
                    h = (1 - z) * n + z * h
                    values = (r, z, h)
                else:
                    a = w_ih @ x[t] + b_ih + w_hh @ h + b_hh
                    a_i, a_f, a_g, a_o = a[:H], a[H:2 * H], a[2 * H:3 * H], a[3 * H:]
                    if cell == "peephole":
                        i = torch.sigmoid(a_i + p("weight_ci") * c)
                        f = torch.sigmoid(a_f + p("weight_cf") * c)
                        c = f * c + i * torch.tanh(a_g)
                        o = torch.sigmoid(a_o + p("weight_co") * c)
                    else:
                        i, f, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.sigmoid(a_o)
                        c = f * c + i * torch.tanh(a_g)
                    h = o * torch.tanh(c)
                    values = (i, f, o, c, h)
                for name, value in zip(names, values):
                    trace[name][t] = value
            trace = {name: torch.stack(v) for name, v in trace.items()}
            traces.append(trace)
            outputs.append(trace["hidden"])
            finals_h.append(h)
            finals_c.append(c)
        x = torch.cat(outputs, dim=1)
    return x, torch.stack(finals_h), torch.stack(finals_c), traces


def logits_from_embeddings(net, x):
    """The twin's forward (eval mode) from input vectors x (B, T, E) of B unpadded texts."""
    output, h = net.encode(x, None)
    if net.pooling == "last":
        features = torch.cat([h[-2], h[-1]], dim=1) if net.directions == 2 else h[-1]
    elif net.pooling == "max":
        features = output.max(dim=1).values
    else:
        features = output.mean(dim=1)
    return net.fc(features)


def explain_fixture(name, cell, L, directions, pooling, seed, H=5, steps=32):
    torch.manual_seed(seed)
    V, K, E, T = 13, 3, 6, 7
    net = RecurrentClassifier(V, E, H, L, K, pooling, cell=cell, directions=directions)
    # Round the weights to float32 once: Swift loads exactly these values.
    state = {k: v.float() for k, v in net.state_dict().items()}
    net = net.double().eval()
    net.load_state_dict({k: v.double() for k, v in state.items()})
    words = ["<pad>", "<unk>", "amber", "basil", "cobalt", "dune", "ember", "fjord", "granite", "heron",
             "indigo", "juniper", "kestrel"]
    g = torch.Generator().manual_seed(seed + 1)
    ids = torch.randint(2, V, (T,), generator=g)
    ids[4] = ids[1]  # a repeated word
    text = " ".join(words[i] for i in ids.tolist())

    # The prediction, from the module itself.
    with torch.no_grad():
        logits = net(ids[None])[0]
    c = int(logits.argmax())

    # Integrated gradients: rows α_i·e, weighted sum of the explained logit, one backward.
    x, w = np.polynomial.legendre.leggauss(steps)
    nodes = torch.tensor((1 + x) / 2, dtype=torch.float64)
    weights = torch.tensor(w / 2, dtype=torch.float64)
    embedded = net.embedding.weight.detach()[ids]  # (T, E)
    path = (nodes[:, None, None] * embedded[None]).requires_grad_(True)
    z = logits_from_embeddings(net, path)[:, c]
    (weights * z).sum().backward()
    # path.grad[i] = w_i ∂z_c/∂x at α_i·e already (the weights entered the summed logit).
    attributions = (embedded * path.grad.sum(dim=0)).sum(dim=1)
    with torch.no_grad():
        ends = logits_from_embeddings(net, torch.stack([embedded, torch.zeros_like(embedded)]))
        assert (ends[0] - logits).abs().max() < 1e-12, "forward from embeddings differs from the module"
        if pooling == "max":
            # Max pooling makes the integrand jump where a unit's argmax token changes along
            # the path. No node may sit near such a switch, or float32 could pick another
            # token there than float64 does: every unit's top two outputs at every node must
            # differ by far more than float32's rounding (~1e-7 here). Near α = 0 the states
            # settle towards the zero-input fixed point, so late tokens come close.
            outputs, _ = net.encode(path.detach(), None)
            top2 = outputs.topk(2, dim=1).values
            margin = float((top2[:, 0] - top2[:, 1]).min())
            assert margin > 2e-5, f"{name}: max-pooling margin {margin} too small; pick another seed"
    logit, baseline = float(ends[0, c]), float(ends[1, c])
    total, mass = float(attributions.sum()), float(attributions.abs().sum())
    difference = logit - baseline
    completeness = abs(total - difference) / max(abs(difference), mass, 1e-6)

    # Gate traces at the text itself, checked against the module's own forward.
    with torch.no_grad():
        output, h_n, c_n, traces = stepwise_encoder(net, embedded)
        if cell == "lstm":
            reference, (reference_h, reference_c) = net.encoder(embedded[None])
            assert (c_n - reference_c[:, 0]).abs().max() < 1e-12, "stepwise c_n differs"
        else:
            reference, reference_h = net.encode(embedded[None], None)
        assert (output - reference[0]).abs().max() < 1e-12, "stepwise output differs from the module"
        assert (h_n - reference_h[:, 0]).abs().max() < 1e-12, "stepwise h_n differs from the module"
    gates = []
    for index, trace in enumerate(traces):
        def mean(gate):
            return floats(trace[gate].mean(dim=1)) if gate in trace else None

        def units(gate):
            return [floats(row) for row in trace[gate]] if gate in trace else None
        gates.append({
            "layer": index // directions, "direction": "forward" if index % directions == 0 else "reverse",
            "input": mean("input"), "forget": mean("forget"), "output": mean("output"),
            "reset": mean("reset"), "update": mean("update"),
            "cellNorm": floats(trace["cell"].norm(dim=1)) if "cell" in trace else None,
            "hiddenNorm": floats(trace["hidden"].norm(dim=1)),
            "units": {gate: units(gate) for gate in ("input", "forget", "output", "reset", "update", "cell",
                                                     "hidden")},
        })

    fixture = {
        "config": {"vocabularySize": V, "embeddingDim": E, "hiddenSize": H, "layers": L, "classCount": K,
                   "pooling": pooling, "cell": cell, "directions": directions},
        "words": words, "text": text, "tokens": ids.tolist(),
        "parameterNames": list(state.keys()),
        "parameters": {k: floats(v) for k, v in state.items()},
        "logits": floats(logits), "probabilities": floats(torch.softmax(logits, dim=0)),
        "predictedClass": c, "explainedClass": c,
        "nodes": nodes.tolist(), "weights": weights.tolist(),
        "attributions": floats(attributions),
        "logit": logit, "baselineLogit": baseline, "completenessError": completeness,
        "gates": gates,
    }
    with open(os.path.join(EXPLAIN_OUT, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"{name}: text {text!r}, class {c}, logit {logit:.6f} − baseline {baseline:.6f}, "
          f"Σ attributions {total:.6f}, completeness error {completeness:.2e}")


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
    os.makedirs(EXPLAIN_OUT, exist_ok=True)
    explain_fixture("explain_lstm_2layer_max", "lstm", L=2, directions=2, pooling="max", seed=18, H=8)
    explain_fixture("explain_gru_1layer_last", "gru", L=1, directions=2, pooling="last", seed=6)
    explain_fixture("explain_peephole_1way_mean", "peephole", L=1, directions=1, pooling="mean", seed=7)
