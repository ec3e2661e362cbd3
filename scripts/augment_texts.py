#!/usr/bin/env python3
"""Unlabelled text made from a labelled file's sentences, for the teacher to label (rounds
46 and 48; standard library only).

    python3 scripts/augment_texts.py ROWS.tsv COUNT OUT.txt [--seed 0]

ROWS.tsv is label<TAB>text with a header (corpora/demo/train.tsv in round 46, SST-5 train
in round 48); its labels are not read. Writes COUNT distinct new texts, one per line, each
made from ROWS.tsv's sentences (scripts/default_mix.py `sentences`): half join two
sentences with a contrast or a conjunction ("A, but b", "A. Still, B", "A and b"), a
quarter set two sentences side by side as a short post or review, and a quarter are one
sentence with each word dropped with probability 0.15 (at least three words kept). No
text equal to a row of ROWS.tsv (case aside) is written. The transfer set of IMDB
sentences holds film reviews only; texts made from the demo train split are in the
styles of social posts, product reviews and notices, and the contrasts mix verdicts,
which is where the student and the teacher disagree most. Give it training splits only:
never dev, dev-wild, test or hard.
"""
import random
import sys

from default_mix import rows, sentences, take_option

# Joined inside one sentence: the first loses its closing punctuation, the second its
# capital.
INLINE = [", but ", " but ", ", though ", ", although ", "; however, ", ", and ", " and ", ", yet "]
# Joined as two sentences.
SEPARATE = [" But ", " Still, ", " That said, ", " Then again, ", " Also, ", " "]
DROP = 0.15


def decapitalize(text):
    """text with its first letter lowered, unless it is the word I or an acronym."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def closed(text):
    """text ending in sentence punctuation."""
    return text if text[-1:] in ".!?" else text + "."


def joined(rng, first, second):
    if rng.random() < 0.5:
        return first.rstrip(".!? ") + rng.choice(INLINE) + decapitalize(second)
    return followed(first, rng.choice(SEPARATE), second)


def followed(first, connector, second):
    """first as a sentence, then connector and second (its capital lowered after a word)."""
    if connector.strip():
        second = decapitalize(second)
    return closed(first) + connector + second


def dropped(rng, sentence):
    words = sentence.split()
    kept = [word for word in words if rng.random() >= DROP]
    return " ".join(kept if len(kept) >= 3 else words)


def main():
    args = sys.argv[1:]
    seed = int(take_option(args, "--seed", 0))
    source, count, out = args[0], int(args[1]), args[2]
    texts = [text for _, text in rows(source)]
    units = [s for text in texts for s in sentences(text)]
    seen = {text.lower() for text in texts}
    rng = random.Random(seed)
    made = []
    while len(made) < count:
        draw = rng.random()
        if draw < 0.5:
            text = joined(rng, rng.choice(units), rng.choice(units))
        elif draw < 0.75:
            text = followed(rng.choice(units), " ", rng.choice(units))
        else:
            text = dropped(rng, rng.choice(units))
        key = text.lower()
        if key not in seen:
            seen.add(key)
            made.append(text)
    with open(out, "w", encoding="utf-8") as o:
        o.writelines(text + "\n" for text in made)
    print(f"{len(made)} texts from {len(units)} sentences of {len(texts)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
