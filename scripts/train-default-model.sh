#!/usr/bin/env bash
# Trains the default English model that ships inside the binary.
#
#   scripts/train-default-model.sh PATH-TO-DATA [GLOVE-TEXT-FILE]
#
# PATH-TO-DATA holds sst2/{train,dev,test}.tsv (SST-2 as distributed with GLUE, with
# test labels) and imdb/train.tsv. GLOVE-TEXT-FILE is GloVe 6B 50d in text format
# (default /work/glove.6B.50d.txt; make it with scripts/glove_to_text.py).
#
# Recipe: SST-2 train (67k phrases, lower-cased PTB) plus the 25k IMDB training reviews,
# each cut to its first 15 and last 45 words (normal casing and punctuation, so the model
# also meets ordinary review text); GloVe 50d init, fine-tuned; BiLSTM 1×128, max pooling;
# early stopping on SST-2 dev. Writes Sources/CDefaultModel/model/default.safetensors
# (float16) and vocab/default.tsv, then scores SST-2 test (raw sentences, our tokenizer).
# Rebuild afterwards: the build tracks the model file and re-embeds it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:?usage: scripts/train-default-model.sh PATH-TO-DATA [GLOVE-TEXT-FILE]}" && pwd)
vectors=${2:-/work/glove.6B.50d.txt}
[ -f "$vectors" ] || { echo "no vectors at $vectors: run scripts/glove_to_text.py first" >&2; exit 2; }
mode=${MODE:-sst2+imdb}

cd "$repo"
swift build -c release --product sentiment
bin=$repo/.build/release/sentiment
out=$repo/Sources/CDefaultModel/model/default.safetensors

# The combined training file lives outside the repository (it is data).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
train=$work/sst2+imdb.tsv
python3 - "$data" "$train" <<'PY'
import re, sys
data, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as o:
    o.write("label\ttext\n")
    with open(f"{data}/sst2/train.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            o.write(line if line.endswith("\n") else line + "\n")
    with open(f"{data}/imdb/train.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            words = re.sub(r"<br\s*/?>", " ", text).split()
            if len(words) > 60:
                words = words[:15] + words[-45:]
            o.write(f"{label}\t{' '.join(words)}\n")
PY
[ "$mode" = sst2 ] && train=$data/sst2/train.tsv

# Relative paths, so the model card names the data, not this machine's folders.
cd "$data"
"$bin" train \
    --train "$train" --dev sst2/dev.tsv --test sst2/test.tsv \
    --vectors "$vectors" --ptb --label-names negative,positive \
    --hidden 128 --layers 1 --pool max --dropout 0.5 --lr 0.002 --batch-size 32 \
    --epochs 10 --patience 3 --seed 42 --storage f16 \
    -o "$out"

# The vocabulary beside it, as vocab/NAME.tsv (token<TAB>count, id order): the same
# counting over the same file gives the model's ids.
"$bin" vocab build --ptb "$train" -o "$repo/vocab/default.tsv"

"$bin" eval --model "$out" sst2/test.tsv
ls -l "$out"
