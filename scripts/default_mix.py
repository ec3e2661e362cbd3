#!/usr/bin/env python3
"""The default model's training mix, shared by scripts/train-default-model.sh and
scripts/teacher.py (standard library only).

    python3 scripts/default_mix.py DATA DEMO.tsv DEMO_REPEATS OUT.tsv IMDB_DEV.tsv SST_REPEATS HEAD TAIL [EXTRA.tsv]

OUT.tsv: SST-2 train (SST_REPEATS times), IMDB train without a held-out dev slice of
1,250 reviews per label (each review cut to its first HEAD and last TAIL words), the
demo corpus DEMO_REPEATS times, then EXTRA.tsv's rows if given (label<TAB>text, with a
header). IMDB_DEV.tsv: the held-out slice, whole reviews.
"""
import random
import re
import sys


def rows(path):
    """(label, text) of a label<TAB>text file with a header line."""
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            yield label, text


def imdb_split(data):
    """IMDB train as (kept, held): the held-out dev slice is 1,250 reviews per label,
    drawn with a fixed seed; both lists keep the file's order."""
    imdb = list(rows(f"{data}/imdb/train.tsv"))
    rng = random.Random(7)
    held = set()
    for label in ("0", "1"):
        positions = [i for i, (l, _) in enumerate(imdb) if l == label]
        rng.shuffle(positions)
        held.update(positions[:1250])
    kept = [row for i, row in enumerate(imdb) if i not in held]
    return kept, [imdb[i] for i in sorted(held)]


def without_markup(text):
    return re.sub(r"<br\s*/?>", " ", text)


def cut(text, head, tail):
    words = without_markup(text).split()
    return " ".join(words[:head] + words[-tail:] if len(words) > head + tail else words)


def demo_rows(path):
    return [("1" if label == "positive" else "0", text) for label, text in rows(path)]


def main():
    data, demo_path, repeats, out, held_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    sst_repeats, head, tail = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
    extra = sys.argv[9] if len(sys.argv) > 9 else None
    kept, held = imdb_split(data)
    with open(held_out, "w", encoding="utf-8") as o:
        o.write("label\ttext\n")
        for label, text in held:
            o.write(f"{label}\t{text}\n")
    with open(out, "w", encoding="utf-8") as o:
        o.write("label\ttext\n")
        for _ in range(sst_repeats):
            for label, text in rows(f"{data}/sst2/train.tsv"):
                o.write(f"{label}\t{text}\n")
        for label, text in kept:
            o.write(f"{label}\t{cut(text, head, tail)}\n")
        for _ in range(repeats):
            for label, text in demo_rows(demo_path):
                o.write(f"{label}\t{text}\n")
        if extra:
            for label, text in rows(extra):
                o.write(f"{label}\t{text}\n")


if __name__ == "__main__":
    main()
