#!/usr/bin/env python3
"""The PyTorch reference for `echo "great movie" | sentiment predict`: load a saved
model (our own .safetensors model file, whose tensor names are PyTorch's state-dict
names; any cell and directions, see scripts/torch_recurrent.py), read one line from
stdin, classify it, print `label<TAB>confidence`.

Used by scripts/bench-pipeline.sh to time the cold start of the PyTorch equivalent.
Tokenization is a plain lower-case word/punctuation split (the timing is dominated by
loading torch, not by this).

Usage: echo "great movie" | python scripts/torch_cold_start.py MODEL.safetensors
"""
import re
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

import model_file
from torch_recurrent import RecurrentClassifier


def main():
    path = sys.argv[1]
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()
    config = model_file.config(metadata)
    labels = model_file.labels(metadata)
    vocabulary = model_file.token_ids(metadata)
    model = RecurrentClassifier.from_config(config)
    state = {name: tensor.float() for name, tensor in load_file(path).items()}
    model.load_state_dict(state)
    model.eval()

    line = sys.stdin.readline().rstrip("\n")
    tokens = re.findall(r"\w+|[^\w\s]", line.lower()) or ["<unk>"]
    ids = torch.tensor([[vocabulary.get(t, 1) for t in tokens]])
    with torch.no_grad():
        probabilities = torch.softmax(model(ids) / model_file.temperature(config), dim=1)[0]
    best = int(probabilities.argmax())
    print(f"{labels[best]}\t{float(probabilities[best]):.4f}")


if __name__ == "__main__":
    main()
