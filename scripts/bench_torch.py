#!/usr/bin/env python3
"""PyTorch side of scripts/bench-engine.sh: the same data, vocabulary, model and timings
as `sentiment bench engine`, printed as one JSON object.

Model: the twin in scripts/torch_recurrent.py: Embedding(V, E) -> recurrent encoder
(E -> H, layers, `--directions` D = 2 (default) or 1) over packed sequences -> last states
(h_n: forward final || reverse final for D = 2, forward final for D = 1) -> dropout ->
Linear(D*H, K); Adam(lr 1e-3); CPU, torch.set_num_threads(2). `--cell` picks the encoder:
lstm (nn.LSTM, default), gru (nn.GRU), rnn (nn.RNN, tanh), or peephole. PyTorch has no
peephole LSTM, so for that cell the encoder is the reference PeepholeLSTM
(scripts/torch_peephole.py), a Python loop over time steps under autograd: it is slow
and measures that reference, not anything PyTorch ships. The JSON reports cell and
directions.
"""
import argparse
import json
import random
import resource
import statistics
import time

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

from torch_recurrent import CELLS, RecurrentClassifier


def load(path):
    ids, sequences, labels = {}, [], []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            label, text = line.split("\t", 1)
            sentence = []
            for word in text.split(" "):
                if not word:
                    continue
                if word not in ids:
                    ids[word] = len(ids) + 2
                sentence.append(ids[word])
            if sentence:
                sequences.append(sentence)
                labels.append(int(label))
    return sequences, labels, len(ids) + 2


def batch_of(sequences):
    lengths = torch.tensor([len(s) for s in sequences])
    tokens = pad_sequence([torch.tensor(s) for s in sequences], batch_first=True)
    return tokens, lengths


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--embedding-dim", type=int, default=128)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--train-steps", type=int, default=200)
    p.add_argument("--inference-batch-size", type=int, default=256)
    p.add_argument("--inference-sentences", type=int, default=8192)
    p.add_argument("--single-sentences", type=int, default=500)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cell", choices=CELLS, default="lstm")
    p.add_argument("--directions", type=int, choices=(1, 2), default=2)
    a = p.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(a.seed)
    sequences, labels, V = load(a.data)
    K = max(max(labels) + 1, 2)
    model = RecurrentClassifier(V, a.embedding_dim, a.hidden, a.layers, K, "last", a.dropout,
                                cell=a.cell, directions=a.directions)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = list(range(len(sequences)))
    random.Random(a.seed).shuffle(order)

    model.train()
    batch_count = len(order) // a.batch_size
    train_tokens, train_time, train_cpu, last_loss = 0, 0.0, 0.0, 0.0
    for step in range(a.train_steps + 5):
        start = (step % batch_count) * a.batch_size
        idx = order[start:start + a.batch_size]
        tokens, lengths = batch_of([sequences[i] for i in idx])
        y = torch.tensor([labels[i] for i in idx])
        began, began_cpu = time.perf_counter(), time.process_time()
        opt.zero_grad()
        loss = loss_fn(model(tokens, lengths), y)
        loss.backward()
        opt.step()
        elapsed, elapsed_cpu = time.perf_counter() - began, time.process_time() - began_cpu
        if step >= 5:
            train_time += elapsed
            train_cpu += elapsed_cpu
            train_tokens += int(lengths.sum())
        last_loss = float(loss.detach())

    model.eval()
    n = min(a.inference_sentences, len(sequences))
    infer_tokens, infer_time, infer_cpu = 0, 0.0, 0.0
    with torch.inference_mode():
        for round in range(2):
            for start in range(0, n, a.inference_batch_size):
                tokens, lengths = batch_of(sequences[start:start + a.inference_batch_size])
                began, began_cpu = time.perf_counter(), time.process_time()
                torch.softmax(model(tokens, lengths), dim=1)
                elapsed, elapsed_cpu = time.perf_counter() - began, time.process_time() - began_cpu
                if round == 1:
                    infer_time += elapsed
                    infer_cpu += elapsed_cpu
                    infer_tokens += int(lengths.sum())

        single = min(a.single_sentences, len(sequences))
        stride = max(1, len(sequences) // single)
        latencies, single_tokens = [], 0
        for index in range(single + 20):
            sentence = sequences[(index * stride) % len(sequences)]
            began = time.perf_counter()
            tokens = torch.tensor([sentence])
            torch.softmax(model(tokens, None), dim=1)
            elapsed = time.perf_counter() - began
            if index >= 20:
                latencies.append(elapsed * 1e6)
                single_tokens += len(sentence)

    print(json.dumps({
        "implementation": "pytorch " + torch.__version__,
        "cell": a.cell, "directions": a.directions,
        "hidden": a.hidden, "layers": a.layers, "embedding_dim": a.embedding_dim, "batch_size": a.batch_size,
        "vocabulary": V, "train_steps": a.train_steps,
        "train_tokens_per_s": train_tokens / train_time,
        "train_ms_per_step": train_time * 1e3 / a.train_steps,
        "train_tokens_per_cpu_s": train_tokens / train_cpu,
        "last_loss": last_loss,
        "infer_tokens_per_s": infer_tokens / infer_time,
        "infer_tokens_per_cpu_s": infer_tokens / infer_cpu,
        "single_latency_us_median": statistics.median(latencies),
        "single_mean_tokens": single_tokens / len(latencies),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
