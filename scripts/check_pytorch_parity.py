#!/usr/bin/env python3
"""Check that a `sentiment` model file means the same thing to PyTorch.

Loads MODEL.safetensors into a torch nn.Module of the same shape with
`load_state_dict(strict=True)` (so every tensor name and shape must match PyTorch's
nn.Embedding / nn.LSTM / nn.Linear), runs the same token ids through both, and
compares class probabilities (default tolerance 1e-5). The ids and our probabilities
come from the `sentiment` binary itself (`info --print-probabilities`), so the check
covers the file format, the weights' layout and the forward pass.

    ../venv/bin/python scripts/check_pytorch_parity.py MODEL [--binary PATH] [--sentences FILE]

Exit status 0 when every sentence agrees, 1 otherwise.
"""
import argparse
import json
import subprocess
import sys

import torch
from torch import nn
from safetensors.torch import load_file
from safetensors import safe_open

SENTENCES = [
    "a gorgeous , witty , seductive movie .",
    "the plot is nothing but boilerplate clichés from start to finish .",
    "I didn't expect much, but this was genuinely moving.",
    "Worst purchase ever. Broke after two days 😡",
    "not bad at all",
    "not good at all",
    "Okay.",
    "",
    "The first half drags, the acting is wooden, and the ending makes no sense whatsoever; "
    "still, the soundtrack is lovely and the cinematography is often breathtaking.",
    "LOVE LOVE LOVE this!!! 😍😍",
    "an unknownwordthatisnotinthevocabulary appears",
    " ".join(["long"] * 300) + " but wonderful",
]


class BiLSTMClassifier(nn.Module):
    """Embedding → BiLSTM (packed: padding never enters a state) → pool → Linear."""

    def __init__(self, config):
        super().__init__()
        hidden = config["hiddenSize"]
        self.pooling = config["pooling"]
        self.embedding = nn.Embedding(config["vocabularySize"], config["embeddingDim"], padding_idx=0)
        self.lstm = nn.LSTM(config["embeddingDim"], hidden, num_layers=config["layers"],
                            bidirectional=True, batch_first=True,
                            dropout=config["dropout"] if config["layers"] > 1 else 0.0)
        self.fc = nn.Linear(2 * hidden, config["classCount"])

    def forward(self, ids, lengths):
        x = self.embedding(ids)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        output, (h, _) = self.lstm(packed)
        if self.pooling == "last":
            features = torch.cat([h[-2], h[-1]], dim=1)
        else:
            output, _ = nn.utils.rnn.pad_packed_sequence(output, batch_first=True)
            mask = (torch.arange(output.shape[1])[None, :] < lengths[:, None]).unsqueeze(2)
            if self.pooling == "max":
                features = output.masked_fill(~mask, float("-inf")).max(dim=1).values
            else:
                features = (output * mask).sum(dim=1) / lengths[:, None].to(output.dtype)
        return torch.softmax(self.fc(features), dim=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--binary", default=".build/release/sentiment")
    parser.add_argument("--sentences", help="file with one sentence per line (default: a built-in set)")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()

    sentences = SENTENCES
    if args.sentences:
        with open(args.sentences, encoding="utf-8") as f:
            sentences = [line.rstrip("\n") for line in f]

    with safe_open(args.model, framework="pt") as f:
        metadata = f.metadata()
    assert metadata["format"] == "sentiment.bilstm", metadata.get("format")
    config = json.loads(metadata["config"])
    labels = json.loads(metadata["labels"])

    model = BiLSTMClassifier(config)
    state = {name: tensor.float() for name, tensor in load_file(args.model).items()}
    model.load_state_dict(state, strict=True)
    model.eval()

    run = subprocess.run([args.binary, "info", "--model", args.model, "--print-probabilities"],
                         input="\n".join(sentences) + "\n", capture_output=True, text=True, check=True)
    rows = run.stdout.rstrip("\n").split("\n")
    assert len(rows) == len(sentences), f"{len(rows)} outputs for {len(sentences)} sentences"

    worst = 0.0
    failures = 0
    with torch.no_grad():
        for sentence, row in zip(sentences, rows):
            ids_text, probabilities_text = row.split("\t")
            ids = torch.tensor([[int(i) for i in ids_text.split()]])
            ours = torch.tensor([float(p) for p in probabilities_text.split()], dtype=torch.float64)
            theirs = model(ids, torch.tensor([ids.shape[1]]))[0].double()
            difference = (ours - theirs).abs().max().item()
            worst = max(worst, difference)
            status = "ok " if difference <= args.tolerance else "BAD"
            failures += difference > args.tolerance
            shown = sentence if len(sentence) < 60 else sentence[:57] + "..."
            print(f"{status} {difference:.2e}  {labels[int(ours.argmax())]:>10}  {shown!r}")
    print(f"{len(sentences) - failures} passed, {failures} failed (max |Δp| = {worst:.2e}, tolerance {args.tolerance:g})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
