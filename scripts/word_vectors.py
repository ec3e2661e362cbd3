"""Reading word vectors in word2vec/GloVe text format, for the scripts that join or graft
them (minilm_word_vectors.py, graft_vectors.py)."""
import numpy as np


def read_vectors(path, words=None):
    """{word: float32 vector} of a word2vec/GloVe text file (a word2vec count-and-width
    first line skipped), only for `words` when given."""
    vectors = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f):
            fields = line.rstrip("\n").split(" ")
            if number == 0 and len(fields) == 2:
                continue
            if words is None or fields[0] in words:
                vectors[fields[0]] = np.asarray(fields[1:], dtype=np.float32)
    return vectors
