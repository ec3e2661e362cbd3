#!/usr/bin/env python3
"""Many deterministic text lines made from our own sentences in corpora/demo/ (standard
library only), for the Spark test and the throughput benchmark.

    scripts/corpus_lines.py COUNT [--seed N] [--format text|jsonl] [-o FILE]

Each line joins one to three of the demo corpus's sentences, drawn by a fixed 64-bit
generator (SplitMix64), so the same COUNT and seed give the same bytes on every machine
and Python version. `--format text` writes one line per text. `--format jsonl` writes
`{"id": N, "text": ...}` rows; every 7th joins its sentences with a line break (`\\n`,
`\\r\\n` or `\\r`, in turn) instead of a space, and rows 3 and 11 hold an empty and a
null text, so a job that reads them must keep rows and answers aligned.
"""

import argparse
import json
import sys
from pathlib import Path

CORPUS_FILES = ("train.tsv", "dev.tsv", "test.tsv", "hard.tsv")
MASK64 = (1 << 64) - 1
LINE_BREAKS = ("\n", "\r\n", "\r")


class SplitMix64:
    """Steele, Lea and Flood's SplitMix64: a tiny generator whose output is fixed by
    its seed alone (Python's `random` makes no such promise across versions)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, bound):
        """A draw in 0..<bound, unbiased by rejection."""
        limit = (1 << 64) - (1 << 64) % bound
        while True:
            value = self.next()
            if value < limit:
                return value % bound


def demo_sentences(corpus_dir):
    sentences = []
    for name in CORPUS_FILES:
        with open(corpus_dir / name, encoding="utf-8") as file:
            header = file.readline().rstrip("\n").split("\t")
            column = header.index("text")
            for line in file:
                fields = line.rstrip("\n").split("\t")
                sentences.append(fields[column])
    return sentences


def texts(sentences, count, seed):
    """Yields (text pieces) for `count` lines: one to three sentences each."""
    generator = SplitMix64(seed)
    for _ in range(count):
        pieces = 1 + generator.below(3)
        yield [sentences[generator.below(len(sentences))] for _ in range(pieces)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    if args.count < 0:
        parser.error(f"COUNT must be 0 or more, not {args.count}")

    corpus_dir = Path(__file__).resolve().parent.parent / "corpora" / "demo"
    sentences = demo_sentences(corpus_dir)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    with out:
        for number, pieces in enumerate(texts(sentences, args.count, args.seed)):
            if args.format == "text":
                out.write(" ".join(pieces) + "\n")
                continue
            if number == 3:
                text = ""
            elif number == 11:
                text = None
            elif number % 7 == 6:
                text = LINE_BREAKS[(number // 7) % len(LINE_BREAKS)].join(pieces)
            else:
                text = " ".join(pieces)
            out.write(json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
