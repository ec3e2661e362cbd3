#!/usr/bin/env python3
"""Gives a trained model's words more dimensions without changing what it computes.

    python3 scripts/graft_vectors.py SOURCE.safetensors EXTRA.txt OUTPUT.safetensors --keep N

SOURCE is a one-layer LSTM model file. Its N most frequent words (the first N of its
vocabulary, which is in frequency order) are kept and the rest dropped (the model then
reads them as <unk>), so a wider embedding still fits the file budget. Each kept word's
embedding row is followed by its vector in EXTRA.txt (word2vec/GloVe text format, say
the MiniLM columns of scripts/minilm_word_vectors.py's output; zeros for a word it
lacks), and the LSTM's input weights get as many new columns, all zero: on every kept
word the output model gives the source's probabilities exactly, and fine-tuning it
(`sentiment train --init OUTPUT`) can learn to read the new dimensions (round 54).
"""
import argparse
import sys

import numpy as np

import model_file
from word_vectors import read_vectors
from model_file import array, put


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("extra")
    parser.add_argument("output")
    parser.add_argument("--keep", type=int, required=True, help="how many of the most frequent words to keep")
    a = parser.parse_args()
    metadata, tensors = model_file.read(a.source)
    config = model_file.config(metadata)
    if config.get("cell") != "lstm" or config.get("layers") != 1:
        parser.error(f"{a.source}: only a one-layer LSTM can be grafted")
    words = model_file.vocabulary(metadata)[: a.keep]
    vectors = read_vectors(a.extra, set(words))
    if not vectors:
        parser.error(f"{a.extra}: no vector for any of the kept words")
    width = len(next(iter(vectors.values())))
    added = np.zeros((len(words), width), dtype=np.float32)
    for i, word in enumerate(words):
        if word in vectors:
            added[i] = vectors[word]
    kept_rows = array(tensors, "embedding.weight")[: len(words)]
    put(tensors, "embedding.weight", np.concatenate([kept_rows, added], axis=1))
    for suffix in model_file.direction_suffixes(config):
        name = f"lstm.weight_ih_l0{suffix}"
        old = array(tensors, name)
        put(tensors, name, np.concatenate([old, np.zeros((old.shape[0], width), dtype=np.float32)], axis=1))
    config["embeddingDim"] += width
    config["vocabularySize"] = len(words)
    metadata["vocabulary"] = "\n".join(words)
    model_file.set_config(metadata, config)
    model_file.write(a.output, metadata, tensors)
    print(f"{a.output}: {len(words)} words, {config['embeddingDim']} dimensions "
          f"({len(vectors)} of the words have an extra vector)", file=sys.stderr)


if __name__ == "__main__":
    main()
