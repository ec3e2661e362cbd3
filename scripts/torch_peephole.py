"""A reference peephole LSTM (Gers & Schmidhuber 2000) for PyTorch, which has none.

`PeepholeLSTM(input_size, hidden_size, num_layers, bidirectional, dropout)` behaves like
`nn.LSTM(..., batch_first=True)` on a padded batch plus its lengths, with three peephole
vectors per layer and direction. It is written for clarity, not speed: a Python loop over
time steps, differentiated by autograd. The engine's fixtures take it (in float64) as the
truth, as they take torch's own modules for the other cells.

Parameters, per layer k and direction (forward, then reverse with the suffix `_reverse`),
registered in this order, so the state dict lists them in this order:

    weight_ih_l{k}  (4H, I)   I = input size for k = 0, D·H above it
    weight_hh_l{k}  (4H, H)
    bias_ih_l{k}    (4H)
    bias_hh_l{k}    (4H)
    weight_ci_l{k}  (H)       peephole from c_{t-1} into the input gate
    weight_cf_l{k}  (H)       peephole from c_{t-1} into the forget gate
    weight_co_l{k}  (H)       peephole from c_t     into the output gate

All are drawn uniform(−1/√H, 1/√H) in that order, as nn.LSTM draws its own. The 4H rows
are the gates i, f, g, o (PyTorch's order). One step, with h_0 = c_0 = 0:

    a   = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
    i   = σ(a_i + w_ci ⊙ c_{t−1})
    f   = σ(a_f + w_cf ⊙ c_{t−1})
    g   = tanh(a_g)
    c_t = f ⊙ c_{t−1} + i ⊙ g
    o   = σ(a_o + w_co ⊙ c_t)
    h_t = o ⊙ tanh(c_t)

With every peephole zero this is exactly nn.LSTM (scripts/check_peephole_reference.py).

Padding never enters a state, as with a packed sequence: the forward direction stops
at each sequence's last real token; the reverse direction starts from the zero state at
each sequence's own last real token and runs down to t = 0. `forward(x, lengths=None)`
takes x (B, T, I) and returns (output, h_n): output (B, T, D·H) holds forward ∥ reverse
states at each real position and zeros at padded ones; h_n (L·D, B, H) is ordered like
nn.LSTM's: layer 0 forward, layer 0 reverse, layer 1 forward, ... Between layers, in
training mode only, dropout applies to the layer's output as in nn.LSTM.
"""
import math

import torch
from torch import nn


class PeepholeLSTM(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers=1, bidirectional=True, dropout=0.0):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.directions = 2 if bidirectional else 1
        self.dropout = float(dropout)
        H = hidden_size
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else self.directions * H
            for suffix in self.suffixes():
                tag = f"_l{layer}{suffix}"
                shapes = [("weight_ih", (4 * H, layer_input)), ("weight_hh", (4 * H, H)),
                          ("bias_ih", (4 * H,)), ("bias_hh", (4 * H,)),
                          ("weight_ci", (H,)), ("weight_cf", (H,)), ("weight_co", (H,))]
                for name, shape in shapes:
                    self.register_parameter(name + tag, nn.Parameter(torch.empty(*shape)))
        self.reset_parameters()

    def suffixes(self):
        return ("", "_reverse")[:self.directions]

    def reset_parameters(self):
        bound = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0.0
        for parameter in self.parameters():
            nn.init.uniform_(parameter, -bound, bound)

    def _run(self, x, mask, layer, suffix, reverse):
        """One direction of one layer: outputs (B, T, H) (zero at padding) and the final h."""
        def p(name):
            return getattr(self, f"{name}_l{layer}{suffix}")
        batch, steps, _ = x.shape
        w_hh, w_ci, w_cf, w_co = p("weight_hh"), p("weight_ci"), p("weight_cf"), p("weight_co")
        projected = x @ p("weight_ih").T + p("bias_ih")
        h = x.new_zeros(batch, self.hidden_size)
        c = x.new_zeros(batch, self.hidden_size)
        zero = x.new_zeros(batch, self.hidden_size)
        outputs = [None] * steps
        for t in (range(steps - 1, -1, -1) if reverse else range(steps)):
            a = projected[:, t] + h @ w_hh.T + p("bias_hh")
            a_i, a_f, a_g, a_o = a.chunk(4, dim=1)
            i = torch.sigmoid(a_i + w_ci * c)
            f = torch.sigmoid(a_f + w_cf * c)
            g = torch.tanh(a_g)
            c_next = f * c + i * g
            o = torch.sigmoid(a_o + w_co * c_next)
            h_next = o * torch.tanh(c_next)
            real = mask[:, t, None]
            # A padded step leaves the state as it was (zero, before a reverse pass starts).
            h = torch.where(real, h_next, h)
            c = torch.where(real, c_next, c)
            outputs[t] = torch.where(real, h_next, zero)
        return torch.stack(outputs, dim=1), h

    def forward(self, x, lengths=None):
        batch, steps, _ = x.shape
        if lengths is None:
            mask = torch.ones(batch, steps, dtype=torch.bool, device=x.device)
        else:
            lengths = torch.as_tensor(lengths, device=x.device)
            mask = torch.arange(steps, device=x.device)[None, :] < lengths[:, None]
        finals = []
        for layer in range(self.num_layers):
            if layer > 0 and self.training and self.dropout > 0:
                x = nn.functional.dropout(x, self.dropout, training=True)
            outputs = []
            for suffix in self.suffixes():
                output, h = self._run(x, mask, layer, suffix, reverse=suffix == "_reverse")
                outputs.append(output)
                finals.append(h)
            x = torch.cat(outputs, dim=2)
        return x, torch.stack(finals, dim=0)
