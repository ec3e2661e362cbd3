#!/usr/bin/env python3
"""The PyTorch reference for `echo "great movie" | sentiment predict`: load a saved
BiLSTM (our own .safetensors model file, whose tensor names are PyTorch's state-dict
names), read one line from stdin, classify it, print `label<TAB>confidence`.

Used by scripts/bench-pipeline.sh to time the cold start of the PyTorch equivalent.
Tokenization is a plain lower-case word/punctuation split (the timing is dominated by
loading torch, not by this).

Usage: echo "great movie" | python scripts/torch_cold_start.py MODEL.safetensors
"""
import json
import re
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file


class BiLSTMClassifier(torch.nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, layers, classes, pooling):
        super().__init__()
        self.pooling = pooling
        self.embedding = torch.nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = torch.nn.LSTM(embedding_dim, hidden_size, num_layers=layers,
                                  bidirectional=True, batch_first=True)
        self.fc = torch.nn.Linear(2 * hidden_size, classes)

    def forward(self, ids):
        outputs, (h, _) = self.lstm(self.embedding(ids))
        if self.pooling == "max":
            pooled = outputs.max(dim=1).values
        elif self.pooling == "mean":
            pooled = outputs.mean(dim=1)
        else:  # last states: forward final ∥ backward final of the top layer
            pooled = torch.cat([h[-2], h[-1]], dim=1)
        return torch.softmax(self.fc(pooled), dim=1)


def main():
    path = sys.argv[1]
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()
    config = json.loads(metadata["config"])
    labels = json.loads(metadata["labels"])
    vocabulary = {token: i for i, token in enumerate(metadata["vocabulary"].split("\n"))}
    model = BiLSTMClassifier(config["vocabularySize"], config["embeddingDim"], config["hiddenSize"],
                             config["layers"], config["classCount"], config["pooling"])
    state = {name: tensor.float() for name, tensor in load_file(path).items()}
    model.load_state_dict(state)
    model.eval()

    line = sys.stdin.readline().rstrip("\n")
    tokens = re.findall(r"\w+|[^\w\s]", line.lower()) or ["<unk>"]
    ids = torch.tensor([[vocabulary.get(t, 1) for t in tokens]])
    with torch.no_grad():
        probabilities = model(ids)[0]
    best = int(probabilities.argmax())
    print(f"{labels[best]}\t{float(probabilities[best]):.4f}")


if __name__ == "__main__":
    main()
