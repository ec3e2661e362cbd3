#!/usr/bin/env python3
"""Wall time per training epoch in PyTorch, for comparison with `sentiment train`.

Trains the same network as a `sentiment` model file describes (Embedding → packed
recurrent encoder of the file's cell and directions, a BiLSTM by default, see
scripts/torch_recurrent.py → max/mean/last pooling → dropout → Linear; Adam; batches bucketed by length
like ours; gradient clipping 5) on the same token ids: the ids come from our binary
(`info --print-ids` with the model's vocabulary), so both sides see identical data.

    ../venv/bin/python scripts/torch_train_epochs.py MODEL TRAIN.tsv [--dev DEV.tsv]
        [--epochs 2] [--threads 2] [--binary .build/release/sentiment]

Prints one line per epoch: seconds, tokens/s, train loss (and dev accuracy).
"""
import argparse
import random
import subprocess
import time

import torch
from torch import nn
from safetensors import safe_open

import model_file
from torch_recurrent import RecurrentClassifier


def read(path, binary, model, classes):
    """Token ids (through our binary) and class indices: a label names a class either as
    the model calls it or as its training file did (like `sentiment eval`)."""
    texts, targets = [], []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            texts.append(text.replace("\n", " "))
            if label not in classes:
                raise SystemExit(f"{path}: label {label!r} is not one of the model's classes {sorted(classes)}")
            targets.append(classes[label])
    out = subprocess.run([binary, "info", "--model", model, "--print-ids"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout.rstrip("\n").split("\n")
    return [[int(i) for i in row.split()] for row in out], targets


def batches(sequences, batch_size, rng, pool=50):
    order = list(range(len(sequences)))
    rng.shuffle(order)
    result = []
    for start in range(0, len(order), batch_size * pool):
        chunk = sorted(order[start:start + batch_size * pool], key=lambda i: -len(sequences[i]))
        result += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(result)
    return result


def tensors(sequences, members):
    lengths = torch.tensor([len(sequences[i]) for i in members])
    ids = torch.zeros(len(members), int(lengths.max()), dtype=torch.long)
    for row, i in enumerate(members):
        ids[row, :len(sequences[i])] = torch.tensor(sequences[i])
    return ids, lengths


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("train")
    p.add_argument("--dev")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--binary", default=".build/release/sentiment")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    with safe_open(a.model, framework="pt") as f:
        meta = f.metadata()
    config = model_file.config(meta)
    names = model_file.labels(meta)
    classes = {name: i for i, name in enumerate(config.get("sourceLabels") or names)}
    classes.update({name: i for i, name in enumerate(names)})
    train, targets = read(a.train, a.binary, a.model, classes)
    dev = read(a.dev, a.binary, a.model, classes) if a.dev else None
    net = RecurrentClassifier.from_config(config)
    optimizer = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    rng = random.Random(42)
    tokens = sum(len(s) for s in train)
    print(f"torch {torch.__version__}, {a.threads} threads, {len(train)} examples, {tokens} tokens, config {config['embeddingDim']}/{config['hiddenSize']}x{config['layers']} {config['pooling']} "
          f"{net.cell} D={net.directions}")
    for epoch in range(1, a.epochs + 1):
        net.train()
        started = time.perf_counter()
        total = 0.0
        plan = batches(train, a.batch_size, rng)
        for members in plan:
            ids, lengths = tensors(train, members)
            optimizer.zero_grad()
            loss = loss_fn(net(ids, lengths), torch.tensor([targets[i] for i in members]))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        seconds = time.perf_counter() - started
        line = f"epoch {epoch}: {seconds:.1f}s  {tokens / seconds / 1000:.1f}k tok/s  train loss {total / len(plan):.4f}"
        if dev:
            net.eval()
            correct = 0
            with torch.no_grad():
                for start in range(0, len(dev[0]), 256):
                    members = list(range(start, min(start + 256, len(dev[0]))))
                    ids, lengths = tensors(dev[0], members)
                    predicted = net(ids, lengths).argmax(1)
                    correct += sum(int(predicted[r]) == dev[1][i] for r, i in enumerate(members))
            line += f"  dev acc {100 * correct / len(dev[0]):.2f}%"
        print(line, flush=True)


if __name__ == "__main__":
    main()
