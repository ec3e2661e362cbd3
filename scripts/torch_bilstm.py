"""The PyTorch twin of our classifier, shared by every reference script.

Embedding(V, E, padding_idx=0) → BiLSTM(E, H, L layers, dropout between layers) → pool
(last states: forward final ∥ backward final; or max / mean over each sequence's real
tokens) → dropout → Linear(2H, K). Parameter names are the state-dict names our model
files use, so `load_state_dict` takes one of our `.safetensors` files as it is.

`forward(ids, lengths)` packs the batch so padding never enters a state; with
`lengths=None` (one unpadded sentence) it runs the LSTM on the tensor as it is, which
is PyTorch's fastest path for a single sentence. It returns logits.
"""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class BiLSTMClassifier(nn.Module):
    def __init__(self, vocabulary_size, embedding_dim, hidden_size, layers, classes,
                 pooling="last", dropout=0.0):
        super().__init__()
        self.pooling = pooling
        # Creation order fixes the random draws under torch.manual_seed (fixtures rely on it).
        self.embedding = nn.Embedding(vocabulary_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, num_layers=layers, bidirectional=True,
                            batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * hidden_size, classes)

    @classmethod
    def from_config(cls, config):
        """From the `config` metadata (JSON) of one of our model files."""
        return cls(config["vocabularySize"], config["embeddingDim"], config["hiddenSize"],
                   config["layers"], config["classCount"], config["pooling"], config["dropout"])

    def forward(self, ids, lengths=None):
        x = self.embedding(ids)
        if lengths is None:
            output, (h, _) = self.lstm(x)
            if self.pooling == "last":
                features = torch.cat([h[-2], h[-1]], dim=1)
            elif self.pooling == "max":
                features = output.max(dim=1).values
            else:
                features = output.mean(dim=1)
            return self.fc(self.dropout(features))
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        output, (h, _) = self.lstm(packed)
        if self.pooling == "last":
            features = torch.cat([h[-2], h[-1]], dim=1)
        else:
            steps = ids.shape[1]
            padded, _ = pad_packed_sequence(output, batch_first=True, total_length=steps)
            mask = (torch.arange(steps)[None, :] < lengths[:, None])[:, :, None]
            if self.pooling == "max":
                features = padded.masked_fill(~mask, float("-inf")).max(dim=1).values
            else:
                features = (padded * mask).sum(dim=1) / lengths[:, None].to(padded.dtype)
        return self.fc(self.dropout(features))
