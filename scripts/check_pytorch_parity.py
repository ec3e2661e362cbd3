#!/usr/bin/env python3
"""Check that a `sentiment` model file means the same thing to PyTorch.

Loads MODEL.safetensors into the torch twin of the same shape
(scripts/torch_recurrent.py, built from the file's config: `cell` lstm / peephole /
gru / rnn and `directions` 1 or 2, a BiLSTM when the config has neither) with
`load_state_dict(strict=True)`, so every tensor name and shape must match PyTorch's
nn.Embedding / nn.LSTM / nn.GRU / nn.RNN / nn.Linear (or, for the peephole cell, the
reference PeepholeLSTM in scripts/torch_peephole.py). It runs the same token ids
through both and compares class probabilities (default tolerance 1e-5), a calibrated
model's at its fitted temperature on both sides. The ids and
our probabilities come from the `sentiment` binary itself (`info
--print-probabilities`), so the check covers the file format, the weights' layout and
the forward pass.

    ../venv/bin/python scripts/check_pytorch_parity.py MODEL [--binary PATH] [--sentences FILE]

Exit status 0 when every sentence agrees, 1 otherwise.
"""
import argparse
import subprocess
import sys

import torch
from safetensors.torch import load_file
from safetensors import safe_open

import model_file
from torch_recurrent import RecurrentClassifier

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
    config = model_file.config(metadata)
    labels = model_file.labels(metadata)
    temperature = model_file.temperature(config)

    model = RecurrentClassifier.from_config(config)
    print(f"cell {model.cell}, directions {model.directions}, {config['layers']} layer(s), "
          f"H {config['hiddenSize']}, pooling {config['pooling']}")
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
            logits = model(ids, torch.tensor([ids.shape[1]]))[0].double()
            theirs = torch.softmax(logits / temperature, dim=0)
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
