#!/usr/bin/env python3
"""The default model's training mix, shared by scripts/train-default-model.sh and
scripts/teacher.py (standard library only).

    python3 scripts/default_mix.py DATA DEMO.tsv DEMO_REPEATS OUT.tsv IMDB_DEV.tsv SST_REPEATS HEAD TAIL SST3_REPEATS [EXTRA.tsv] [--neutral-words] [--neutral-phrases LABELLED.tsv] [--weak-neutral K] [--imdb-repeats K]
    python3 scripts/default_mix.py dev DATA DEMO_DEV.tsv OUT.tsv
    python3 scripts/default_mix.py sst3 SST5-FILE.tsv OUT.tsv
    python3 scripts/default_mix.py sentences DATA EVERY OUT.txt
    python3 scripts/default_mix.py word-runs DATA OUT.txt

OUT.tsv: SST-3 train (SST-5 train collapsed to three classes) SST3_REPEATS times, SST-2
train (SST_REPEATS times), IMDB train without a held-out dev slice of 1,250 reviews per
label (each review cut to its first HEAD and last TAIL words; --imdb-repeats K times, once
by default), the demo corpus
DEMO_REPEATS times, then EXTRA.tsv's rows if given (label<TAB>text, with a header), then
with --neutral-words SST's neutral words (`neutral_words`), one row each, and with
--neutral-phrases the rows of LABELLED.tsv (teacher.py label --texts) labelled neutral.
`word-runs` writes the candidates for those phrases (`word_runs`), one per line. With
--weak-neutral K, K of the SST3_REPEATS copies of each SST-5 train sentence graded 1 or 3
(the weakly polar grades) are labelled neutral (`sst3_train_rows`).
IMDB_DEV.tsv: the held-out slice, whole reviews. Labels are the class names negative,
neutral, positive. `dev` writes the three-way dev set: SST-3 dev, then the demo dev split;
`sst3` writes an SST-5 file with its grades collapsed to the three classes. `sentences`
writes the transfer set's sentences, one per line: those of every EVERY-th IMDB train
review outside the dev slice (`transfer_sentences`), which teacher.py labels.
"""
import random
import re
import sys

CLASSES = ["negative", "neutral", "positive"]
# SST-2's and IMDB's labels.
BINARY = {"0": "negative", "1": "positive"}
# SST-5's five grades collapsed to three: 0,1 negative; 2 neutral; 3,4 positive.
SST3 = {"0": "negative", "1": "negative", "2": "neutral", "3": "positive", "4": "positive"}


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


def sst3_rows(path):
    """(class name, text) of an SST-5 file, its grades collapsed to three classes."""
    return [(SST3[label], text) for label, text in rows(path)]


def sst3_train_rows(path, repeats, weak_neutral):
    """SST-3 train, `repeats` copies one after another, with `weak_neutral` of each weakly
    polar sentence's copies (grades 1 and 3) labelled neutral: a target of (repeats - K) /
    repeats for its side and K / repeats for neutral, in expectation, where SST-3 says its
    side outright. With K = 0, sst3_rows(path) * repeats."""
    graded = list(rows(path))
    return [("neutral" if copy < weak_neutral and grade in ("1", "3") else SST3[grade], text)
            for copy in range(repeats) for grade, text in graded]


def dev_rows(data, demo_dev):
    """The three-way dev set (class name, text): SST-3 dev, then the demo dev split."""
    return sst3_rows(f"{data}/sst5/dev.tsv") + list(rows(demo_dev))


def binary_rows(path):
    """(class name, text) of an SST-2 or IMDB file."""
    return [(BINARY[label], text) for label, text in rows(path)]


def sst_train(data):
    """SST-2 train's phrases (a set) and SST-5 train's sentences (a list, file order)."""
    return {text for _, text in rows(f"{data}/sst2/train.tsv")}, [text for _, text in rows(f"{data}/sst5/train.tsv")]


def neutral_words(phrases, sentences):
    """Each word of SST-5 train's sentences that SST-2 train lacks as a phrase, in order of
    first use. SST's annotators labelled every node of each sentence's parse tree, single
    words included, and SST-2 keeps the nodes they did not call neutral; so a word of a
    train sentence that SST-2 train does not hold is a leaf they called neutral (round 39).
    Only train sentences are read."""
    return list(dict.fromkeys(w for text in sentences for w in text.split() if w not in phrases))


def word_runs(phrases, sentences):
    """The maximal runs of two or more neutral words (`neutral_words`) in SST-5 train's
    sentences that are neither SST-2 train phrases nor whole sentences, each once, in order
    of first use (round 40). A run is not known to be a node of the sentence's tree, nor
    neutral when it is one ("ably captures"), so a teacher decides which are kept."""
    words = set(neutral_words(phrases, sentences))
    skip = phrases | set(sentences)
    found = []
    for text in sentences:
        run = []
        for word in text.split() + [None]:
            if word in words:
                run.append(word)
                continue
            phrase = " ".join(run)
            if len(run) >= 2 and phrase not in skip:
                skip.add(phrase)
                found.append(phrase)
            run = []
    return found


def sentences(text):
    """A review's sentences of 3 to 60 words, markup removed."""
    for piece in re.split(r"(?<=[.!?])\s+", without_markup(text)):
        piece = piece.strip()
        if 3 <= len(piece.split()) <= 60:
            yield piece


def transfer_sentences(data, every):
    """The sentences of every `every`-th IMDB train review outside the dev slice, and how
    many reviews they came from."""
    kept, _ = imdb_split(data)
    reviews = kept[::every]
    return [s for _, review in reviews for s in sentences(review)], len(reviews)


def write(path, labelled):
    with open(path, "w", encoding="utf-8") as o:
        o.write("label\ttext\n")
        for label, text in labelled:
            o.write(f"{label}\t{text}\n")


def take_option(args, flag, default=None):
    """The value after `flag` in args, both removed from args; default if flag is absent."""
    if flag not in args:
        return default
    at = args.index(flag)
    value = args[at + 1]
    del args[at:at + 2]
    return value


def main():
    if sys.argv[1] == "dev":
        data, demo_dev, out = sys.argv[2:5]
        write(out, dev_rows(data, demo_dev))
        return
    if sys.argv[1] == "sst3":
        write(sys.argv[3], sst3_rows(sys.argv[2]))
        return
    if sys.argv[1] == "word-runs":
        with open(sys.argv[3], "w", encoding="utf-8") as o:
            o.writelines(run + "\n" for run in word_runs(*sst_train(sys.argv[2])))
        return
    if sys.argv[1] == "sentences":
        texts, _ = transfer_sentences(sys.argv[2], int(sys.argv[3]))
        with open(sys.argv[4], "w", encoding="utf-8") as o:
            o.writelines(text + "\n" for text in texts)
        return
    args = sys.argv[1:]
    labelled = take_option(args, "--neutral-phrases")
    weak_neutral = int(take_option(args, "--weak-neutral", 0))
    imdb_repeats = int(take_option(args, "--imdb-repeats", 1))
    with_words = "--neutral-words" in args
    if with_words:
        args.remove("--neutral-words")
    data, demo_path, repeats, out, held_out = args[0], args[1], int(args[2]), args[3], args[4]
    sst_repeats, head, tail, sst3_repeats = int(args[5]), int(args[6]), int(args[7]), int(args[8])
    extra = args[9] if len(args) > 9 else None
    kept, held = imdb_split(data)
    write(held_out, [(BINARY[label], text) for label, text in held])
    mix = sst3_train_rows(f"{data}/sst5/train.tsv", sst3_repeats, weak_neutral)
    mix += binary_rows(f"{data}/sst2/train.tsv") * sst_repeats
    mix += [(BINARY[label], cut(text, head, tail)) for label, text in kept] * imdb_repeats
    mix += list(rows(demo_path)) * repeats
    if extra:
        mix += list(rows(extra))
    if with_words:
        mix += [("neutral", word) for word in neutral_words(*sst_train(data))]
    if labelled:
        mix += [(label, text) for label, text in rows(labelled) if label == "neutral"]
    write(out, mix)


if __name__ == "__main__":
    main()
