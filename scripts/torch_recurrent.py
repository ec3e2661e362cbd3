"""The PyTorch twin of our classifier, shared by every reference script.

Embedding(V, E, padding_idx=0) → recurrent encoder (E → H, L layers, D directions,
dropout between layers) → pool → dropout → Linear(D·H, K). The encoder's `cell` is

    "lstm"      nn.LSTM                                       module `lstm`
    "peephole"  PeepholeLSTM (scripts/torch_peephole.py)      module `lstm`
    "gru"       nn.GRU                                        module `gru`
    "rnn"       nn.RNN(nonlinearity="tanh")                   module `rnn`

with D = `directions` = 2 (bidirectional, the default) or 1 (forward only). Parameter
names are therefore the state-dict names our model files use (`embedding.weight`,
`lstm.weight_ih_l0`, `gru.bias_hh_l1_reverse`, ..., `fc.weight`, `fc.bias`), so
`load_state_dict` takes one of our `.safetensors` files as it is.

Pooling: "last" = the last layer's final states from h_n (D = 2: forward final ∥
reverse final, i.e. cat(h_n[-2], h_n[-1]); D = 1: h_n[-1]); "max" / "mean" over each
sequence's real tokens of the (B, T, D·H) output.

`forward(ids, lengths)` packs the batch (the peephole cell takes the lengths itself)
so padding never enters a state; with `lengths=None` (one unpadded sentence) it runs
the encoder on the tensor as it is, which is PyTorch's fastest path for a single
sentence. It returns logits.

Creation order (embedding, encoder, dropout, fc) fixes the random draws under
torch.manual_seed; for cell="lstm", directions=2 they are the ones the original BiLSTM
twin made, which the bilstm_* fixtures rely on.
"""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from torch_peephole import PeepholeLSTM

CELLS = ("lstm", "peephole", "gru", "rnn")
MODULE_NAMES = {"lstm": "lstm", "peephole": "lstm", "gru": "gru", "rnn": "rnn"}


def make_encoder(cell, input_size, hidden_size, layers, directions, dropout):
    between = dropout if layers > 1 else 0.0
    bidirectional = directions == 2
    if cell == "lstm":
        return nn.LSTM(input_size, hidden_size, num_layers=layers, bidirectional=bidirectional,
                       batch_first=True, dropout=between)
    if cell == "peephole":
        return PeepholeLSTM(input_size, hidden_size, num_layers=layers, bidirectional=bidirectional,
                            dropout=between)
    if cell == "gru":
        return nn.GRU(input_size, hidden_size, num_layers=layers, bidirectional=bidirectional,
                      batch_first=True, dropout=between)
    if cell == "rnn":
        return nn.RNN(input_size, hidden_size, num_layers=layers, nonlinearity="tanh",
                      bidirectional=bidirectional, batch_first=True, dropout=between)
    raise ValueError(f"unknown cell {cell!r} (expected one of {', '.join(CELLS)})")


class RecurrentClassifier(nn.Module):
    def __init__(self, vocabulary_size, embedding_dim, hidden_size, layers, classes,
                 pooling="last", dropout=0.0, cell="lstm", directions=2):
        super().__init__()
        if directions not in (1, 2):
            raise ValueError(f"directions must be 1 or 2, not {directions!r}")
        self.pooling = pooling
        self.cell = cell
        self.directions = directions
        # Creation order fixes the random draws under torch.manual_seed (fixtures rely on it).
        self.embedding = nn.Embedding(vocabulary_size, embedding_dim, padding_idx=0)
        # Registered under one name only (lstm / gru / rnn), so the state dict has no aliases.
        self.add_module(MODULE_NAMES.get(cell, cell),
                        make_encoder(cell, embedding_dim, hidden_size, layers, directions, dropout))
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(directions * hidden_size, classes)

    @property
    def encoder(self):
        return getattr(self, MODULE_NAMES[self.cell])

    @classmethod
    def from_config(cls, config):
        """From the `config` metadata (JSON) of one of our model files; files written before
        the other cells existed have neither `cell` nor `directions` (a BiLSTM)."""
        return cls(config["vocabularySize"], config["embeddingDim"], config["hiddenSize"],
                   config["layers"], config["classCount"], config["pooling"], config["dropout"],
                   cell=config.get("cell", "lstm"), directions=config.get("directions", 2))

    def encode(self, x, lengths):
        """(output (B, T, D·H) with zeros at padding, h_n (L·D, B, H))."""
        if self.cell == "peephole":
            return self.encoder(x, lengths)
        if lengths is None:
            output, h = self.encoder(x)
        else:
            packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            output, h = self.encoder(packed)
            output, _ = pad_packed_sequence(output, batch_first=True, total_length=x.shape[1])
        if isinstance(h, tuple):  # nn.LSTM's (h_n, c_n)
            h = h[0]
        return output, h

    def forward(self, ids, lengths=None):
        output, h = self.encode(self.embedding(ids), lengths)
        if self.pooling == "last":
            features = torch.cat([h[-2], h[-1]], dim=1) if self.directions == 2 else h[-1]
        elif lengths is None:
            features = output.max(dim=1).values if self.pooling == "max" else output.mean(dim=1)
        else:
            steps = ids.shape[1]
            mask = (torch.arange(steps)[None, :] < lengths[:, None])[:, :, None]
            if self.pooling == "max":
                features = output.masked_fill(~mask, float("-inf")).max(dim=1).values
            else:
                features = (output * mask).sum(dim=1) / lengths[:, None].to(output.dtype)
        return self.fc(self.dropout(features))
