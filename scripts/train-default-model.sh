#!/usr/bin/env bash
# Trains the default English model that ships inside the binary.
#
#   scripts/train-default-model.sh PATH-TO-DATA [GLOVE-TEXT-FILE]
#
# PATH-TO-DATA holds sst2/{train,dev,test}.tsv (SST-2 as distributed with GLUE, with
# test labels). GLOVE-TEXT-FILE is GloVe 6B 50d in text format (default
# /work/glove.6B.50d.txt; make it with scripts/glove_to_text.py). Writes
# Sources/CDefaultModel/model/default.safetensors (float16 weights) and
# vocab/default.tsv, then evaluates on SST-2 test (raw sentences through our tokenizer).
# After it, rebuild: the build tracks the model file and re-embeds it.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/train-default-model.sh PATH-TO-DATA [GLOVE-TEXT-FILE]}
vectors=${2:-/work/glove.6B.50d.txt}
[ -f "$vectors" ] || { echo "no vectors at $vectors: run scripts/glove_to_text.py first" >&2; exit 2; }

swift build -c release --product sentiment
bin=.build/release/sentiment
out=Sources/CDefaultModel/model/default.safetensors

# SST-2 is lower-cased and PTB-tokenized: --ptb undoes -lrb-/-rrb-; the tokenizer
# case-folds, so raw text at prediction time meets the same tokens.
"$bin" train \
    --train "$data/sst2/train.tsv" --dev "$data/sst2/dev.tsv" --test "$data/sst2/test.tsv" \
    --vectors "$vectors" --ptb --label-names negative,positive \
    --hidden 128 --layers 1 --pool max --dropout 0.5 --lr 0.002 --batch-size 32 \
    --epochs 10 --patience 3 --seed 42 --storage f16 \
    -o "$out"

# The vocabulary beside it, as vocab/NAME.tsv (token<TAB>count, id order).
"$bin" vocab build --ptb "$data/sst2/train.tsv" -o vocab/default.tsv 2>/dev/null \
    || echo "note: 'sentiment vocab build' unavailable; vocab/default.tsv not rebuilt" >&2

"$bin" eval --model "$out" "$data/sst2/test.tsv"
ls -l "$out"
