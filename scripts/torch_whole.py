#!/usr/bin/env python3
"""Whole-process PyTorch references for `sentiment train` and `sentiment classify`,
timed from the outside by scripts/bench-whole.sh (process start to exit: Python and
torch start-up, reading, tokenizing, the work, writing).

    python scripts/torch_whole.py train TRAIN.tsv OUT.pt [--epochs 1] [--threads 2]
        Reads label<TAB>text rows (with a header), lower-cases and splits words and
        punctuation, keeps every token, and trains Embedding(V, 128) → packed BiLSTM
        (H 128) → last states → dropout 0.5 → Linear with Adam (lr 0.002), batch 64
        bucketed by length, gradient clipping 5: `sentiment train`'s network and
        defaults as bench-whole.sh runs it. Saves the state dict.
        --sparse: the embedding's gradient is sparse and torch.optim.SparseAdam steps
        only the rows each batch uses (Adam for the rest): `sentiment train
        --sparse-adam`'s rule.

    python scripts/torch_whole.py classify MODEL.safetensors TEXT.txt OUT.tsv [--threads 2]
        Loads one of our model files (its tensor names are PyTorch's), classifies each
        line of TEXT.txt in batches of 256 sorted by length, writes label<TAB>confidence
        per line, in input order.
"""
import argparse
import random
import re

import torch
from torch import nn

import model_file
from torch_recurrent import RecurrentClassifier

WORD = re.compile(r"\w+|[^\w\s]")


def tokenize(text):
    return WORD.findall(text.lower()) or ["<unk>"]


def padded(sequences):
    lengths = torch.tensor([len(s) for s in sequences])
    ids = torch.zeros(len(sequences), int(lengths.max()), dtype=torch.long)
    for row, s in enumerate(sequences):
        ids[row, :len(s)] = torch.tensor(s)
    return ids, lengths


def train(a):
    torch.manual_seed(1)
    rng = random.Random(1)
    texts, labels = [], []
    with open(a.data, encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            labels.append(label)
            texts.append(tokenize(text))
    classes = {name: i for i, name in enumerate(sorted(set(labels)))}
    vocabulary = {"<pad>": 0, "<unk>": 1}
    for tokens in texts:
        for t in tokens:
            vocabulary.setdefault(t, len(vocabulary))
    sequences = [[vocabulary[t] for t in tokens] for tokens in texts]
    targets = [classes[label] for label in labels]
    net = RecurrentClassifier(len(vocabulary), 128, 128, 1, len(classes), pooling="last", dropout=0.5)
    if a.sparse:
        net.embedding.sparse = True
        rest = [p for name, p in net.named_parameters() if name != "embedding.weight"]
        optimizers = [torch.optim.SparseAdam([net.embedding.weight], lr=0.002), torch.optim.Adam(rest, lr=0.002)]
    else:
        optimizers = [torch.optim.Adam(net.parameters(), lr=0.002)]
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(a.epochs):
        net.train()
        order = list(range(len(sequences)))
        rng.shuffle(order)
        plan = []
        for start in range(0, len(order), 64 * 50):
            chunk = sorted(order[start:start + 64 * 50], key=lambda i: -len(sequences[i]))
            plan += [chunk[i:i + 64] for i in range(0, len(chunk), 64)]
        rng.shuffle(plan)
        for members in plan:
            ids, lengths = padded([sequences[i] for i in members])
            for optimizer in optimizers:
                optimizer.zero_grad()
            loss = loss_fn(net(ids, lengths), torch.tensor([targets[i] for i in members]))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            for optimizer in optimizers:
                optimizer.step()
    torch.save(net.state_dict(), a.out)


def classify(a):
    from safetensors import safe_open
    from safetensors.torch import load_file
    with safe_open(a.model, framework="pt") as f:
        metadata = f.metadata()
    config = model_file.config(metadata)
    labels = model_file.labels(metadata)
    vocabulary = model_file.token_ids(metadata)
    net = RecurrentClassifier.from_config(config)
    net.load_state_dict({name: tensor.float() for name, tensor in load_file(a.model).items()})
    net.eval()
    temperature = model_file.temperature(config)
    with open(a.text, encoding="utf-8") as f:
        sequences = [[vocabulary.get(t, 1) for t in tokenize(line.rstrip("\n"))] for line in f]
    order = sorted(range(len(sequences)), key=lambda i: -len(sequences[i]))
    results = [None] * len(sequences)
    with torch.no_grad():
        for start in range(0, len(order), 256):
            members = order[start:start + 256]
            ids, lengths = padded([sequences[i] for i in members])
            probabilities = torch.softmax(net(ids, lengths) / temperature, dim=1)
            best = probabilities.argmax(1)
            for row, i in enumerate(members):
                results[i] = f"{labels[int(best[row])]}\t{float(probabilities[row, best[row]]):.4f}"
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(results) + "\n")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("data")
    t.add_argument("out")
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--sparse", action="store_true")
    c = sub.add_parser("classify")
    c.add_argument("model")
    c.add_argument("text")
    c.add_argument("out")
    c.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    train(a) if a.command == "train" else classify(a)


if __name__ == "__main__":
    main()
