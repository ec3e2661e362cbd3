#!/usr/bin/env python3
"""Sanity checks of the reference encoders behind the fixtures, in float64.

1. PeepholeLSTM with w_ci = w_cf = w_co = 0 is nn.LSTM: same weights, a packed batch
   of mixed lengths, 1 and 2 layers, 1 and 2 directions; outputs, h_n and every shared
   weight's gradient agree to < 1e-10.
2. The peephole terms themselves: the module against a plain scalar loop (Python
   floats, written from the equations, one direction, nonzero peepholes).
3. Padding never enters a state: for every cell (lstm, peephole, gru, rnn), 1 and 2
   directions, and each pooling, the twin classifier's logits on a padded batch equal
   its logits on each sequence run alone without padding (< 1e-10).

Run by scripts/make_fixtures.py before it writes anything; also on its own:

    ../venv/bin/python scripts/check_peephole_reference.py
"""
import math

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from torch_peephole import PeepholeLSTM
from torch_recurrent import CELLS, RecurrentClassifier

TOLERANCE = 1e-10
LENGTHS = torch.tensor([3, 7, 1, 5, 7, 2])


def peephole_zero_equals_lstm():
    worst = 0.0
    for layers in (1, 2):
        for directions in (1, 2):
            torch.manual_seed(10 * layers + directions)
            I, H = 4, 3
            reference = nn.LSTM(I, H, num_layers=layers, bidirectional=directions == 2,
                                batch_first=True).double()
            ours = PeepholeLSTM(I, H, num_layers=layers, bidirectional=directions == 2).double()
            with torch.no_grad():
                for name, parameter in ours.named_parameters():
                    if name.startswith(("weight_ci", "weight_cf", "weight_co")):
                        parameter.zero_()
                    else:
                        parameter.copy_(getattr(reference, name))
            x = torch.randn(len(LENGTHS), int(LENGTHS.max()), I, dtype=torch.float64)
            packed = pack_padded_sequence(x, LENGTHS, batch_first=True, enforce_sorted=False)
            out_ref, (h_ref, _) = reference(packed)
            out_ref, _ = pad_packed_sequence(out_ref, batch_first=True, total_length=x.shape[1])
            out, h = ours(x, LENGTHS)
            weights = torch.randn_like(out)
            ((out_ref * weights).sum() + h_ref.sum()).backward()
            ((out * weights).sum() + h.sum()).backward()
            differences = [(out - out_ref).abs().max().item(), (h - h_ref).abs().max().item()]
            for name, parameter in reference.named_parameters():
                differences.append((getattr(ours, name).grad - parameter.grad).abs().max().item())
            difference = max(differences)
            worst = max(worst, difference)
            print(f"peephole(w_c* = 0) vs nn.LSTM, L={layers} D={directions}: "
                  f"max |Δ| outputs, h_n, gradients = {difference:.3e}")
            assert difference < TOLERANCE, difference
    return worst


def peephole_matches_scalar_loop():
    torch.manual_seed(5)
    I, H, T = 2, 3, 4
    module = PeepholeLSTM(I, H, num_layers=1, bidirectional=False).double()
    with torch.no_grad():
        for name in ("weight_ci_l0", "weight_cf_l0", "weight_co_l0"):
            getattr(module, name).uniform_(-1.5, 1.5)  # make the peepholes matter
    x = torch.randn(1, T, I, dtype=torch.float64)
    out, _ = module(x)
    P = {name: value.tolist() for name, value in module.named_parameters()}
    sigmoid = lambda v: 1 / (1 + math.exp(-v))
    h, c = [0.0] * H, [0.0] * H
    expected = []
    for t in range(T):
        xt = x[0, t].tolist()
        a = [sum(P["weight_ih_l0"][r][j] * xt[j] for j in range(I)) + P["bias_ih_l0"][r]
             + sum(P["weight_hh_l0"][r][j] * h[j] for j in range(H)) + P["bias_hh_l0"][r]
             for r in range(4 * H)]
        new_h, new_c = [], []
        for u in range(H):
            i = sigmoid(a[u] + P["weight_ci_l0"][u] * c[u])
            f = sigmoid(a[H + u] + P["weight_cf_l0"][u] * c[u])
            g = math.tanh(a[2 * H + u])
            cu = f * c[u] + i * g
            o = sigmoid(a[3 * H + u] + P["weight_co_l0"][u] * cu)
            new_c.append(cu)
            new_h.append(o * math.tanh(cu))
        h, c = new_h, new_c
        expected.append(h)
    difference = (out[0] - torch.tensor(expected, dtype=torch.float64)).abs().max().item()
    print(f"peephole module vs scalar loop of the equations: max |Δ| = {difference:.3e}")
    assert difference < TOLERANCE, difference


def padded_equals_alone():
    V, E, H, K = 13, 6, 5, 3
    worst = 0.0
    for cell in CELLS:
        for directions in (2, 1):
            for pooling in ("last", "max", "mean"):
                torch.manual_seed(3)
                net = RecurrentClassifier(V, E, H, 2, K, pooling, cell=cell, directions=directions).double()
                net.eval()
                tokens = torch.zeros(len(LENGTHS), int(LENGTHS.max()), dtype=torch.long)
                for b, n in enumerate(LENGTHS.tolist()):
                    tokens[b, :n] = torch.randint(1, V, (n,))
                with torch.no_grad():
                    batched = net(tokens, LENGTHS)
                    alone = torch.cat([net(tokens[b:b + 1, :n], None) for b, n in enumerate(LENGTHS.tolist())])
                difference = (batched - alone).abs().max().item()
                worst = max(worst, difference)
                assert difference < TOLERANCE, (cell, directions, pooling, difference)
    print(f"padded batch vs each sequence alone, every cell × directions × pooling (L=2): "
          f"max |Δ logits| = {worst:.3e}")


def main():
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        peephole_zero_equals_lstm()
        peephole_matches_scalar_loop()
        padded_equals_alone()
    finally:
        torch.set_default_dtype(previous)


if __name__ == "__main__":
    main()
