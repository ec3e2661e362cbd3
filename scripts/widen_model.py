#!/usr/bin/env python3
"""Widens a model's recurrent layer, keeping what it computes (round 37).

    scripts/widen_model.py IN.safetensors OUT.safetensors HIDDEN [--seed N]

For a one-layer LSTM (one or both directions) of H units per direction, writes the same model
with HIDDEN > H units: the old units keep their weights and read nothing from the new ones
(their new recurrent columns are zero), the new units start as PyTorch starts an LSTM
(every weight and bias uniform in +-1/sqrt(HIDDEN)), and the output layer gives the new
units zero weight, so the wider model's probabilities are the old model's. Fine-tuning it
(`sentiment train --init OUT`) then trains the new units from that starting point, which a
model learnt from the vectors lacks. Tensors are in PyTorch's layout: gate rows i, f, g, o.
"""
import argparse

import numpy as np

import model_file
from model_file import array, put

GATES = 4


def kept(blocks, hidden, new_hidden):
    """Which of blocks * new_hidden positions hold the old units (each block's first hidden)."""
    return np.arange(blocks * new_hidden) % new_hidden < hidden


def widen_rows(old, hidden, new_hidden, rng, bound):
    """Gate-blocked rows (GATES * hidden, ...) → (GATES * new_hidden, ...), new rows random."""
    out = rng.uniform(-bound, bound, size=(GATES * new_hidden,) + old.shape[1:]).astype(np.float32)
    out[kept(GATES, hidden, new_hidden)] = old
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("hidden", type=int)
    parser.add_argument("--seed", type=int, default=0)
    a = parser.parse_args()
    metadata, tensors = model_file.read(a.source)
    config = model_file.config(metadata)
    hidden, new_hidden = config["hiddenSize"], a.hidden
    if config.get("cell") != "lstm" or config.get("layers") != 1:
        parser.error(f"{a.source}: only a one-layer LSTM can be widened")
    if new_hidden <= hidden:
        parser.error(f"{a.source}: HIDDEN must exceed the model's {hidden}")
    rng = np.random.default_rng(a.seed)
    bound = 1 / np.sqrt(new_hidden)
    suffixes = model_file.direction_suffixes(config)

    def widened(name):
        return widen_rows(array(tensors, name), hidden, new_hidden, rng, bound)

    for suffix in suffixes:
        put(tensors, f"lstm.weight_ih_l0{suffix}", widened(f"lstm.weight_ih_l0{suffix}"))
        recurrent = widened(f"lstm.weight_hh_l0{suffix}")
        recurrent = np.concatenate(
            [recurrent, rng.uniform(-bound, bound, size=(recurrent.shape[0], new_hidden - hidden)).astype(np.float32)], axis=1)
        recurrent[kept(GATES, hidden, new_hidden), hidden:] = 0
        put(tensors, f"lstm.weight_hh_l0{suffix}", recurrent)
        for bias in ("bias_ih", "bias_hh"):
            put(tensors, f"lstm.{bias}_l0{suffix}", widened(f"lstm.{bias}_l0{suffix}"))
    old_fc = array(tensors, "fc.weight")
    fc = np.zeros((old_fc.shape[0], len(suffixes) * new_hidden), dtype=np.float32)
    fc[:, kept(len(suffixes), hidden, new_hidden)] = old_fc
    put(tensors, "fc.weight", fc)
    config["hiddenSize"] = new_hidden
    model_file.set_config(metadata, config)
    model_file.write(a.output, metadata, tensors)


if __name__ == "__main__":
    main()
