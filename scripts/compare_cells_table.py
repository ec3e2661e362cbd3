#!/usr/bin/env python3
"""Second half of scripts/compare-cells.sh: reads the trained models' cards (the
safetensors header's `config` JSON: per-epoch history, test accuracy) and the gradient
profiles, writes OUT/table.md, and draws the charts with `sentiment chart` (one SVG
writer for every chart the project makes).

    python3 scripts/compare_cells_table.py OUT-DIR SENTIMENT-BINARY

Standard library only.
"""
import glob
import os
import subprocess
import sys

import model_file


def card(path):
    metadata, entries = model_file.header(path)
    parameters = 0
    for tensor in entries.values():
        count = 1
        for dimension in tensor["shape"]:
            count *= dimension
        parameters += count
    return model_file.config(metadata), parameters


def epochs_to(history, threshold):
    for record in history:
        if record["devAccuracy"] >= threshold:
            return record["epoch"]
    return None


def main():
    out, binary = sys.argv[1], sys.argv[2]
    rows = []
    curves = {}
    for path in sorted(glob.glob(os.path.join(out, "models", "*.safetensors"))):
        name = os.path.basename(path)[: -len(".safetensors")]
        task, cell, directions = name.rsplit("-", 2)
        config, parameters = card(path)
        training = config["training"]
        history = training["history"]
        seconds = sum(r["seconds"] for r in history) / max(len(history), 1)
        test = training.get("test") or {}
        rows.append({
            "task": task, "cell": cell, "directions": int(directions[1:]),
            "test": test.get("accuracy"), "best_dev": max(r["devAccuracy"] for r in history),
            "epochs_to_95": epochs_to(history, 0.95), "epochs": len(history),
            "seconds_per_epoch": seconds, "parameters": parameters,
        })
        curves.setdefault(task, []).extend(
            (f"{cell} D={directions[1:]}", r["epoch"], 100 * r["devAccuracy"], cell,
             "dashed" if directions == "d1" else "solid") for r in history)

    def task_key(task):
        return (task.startswith("sst2"), int(task[2:]) if task.startswith("to") else 0)

    rows.sort(key=lambda r: (task_key(r["task"]), ["lstm", "peephole", "gru", "rnn"].index(r["cell"]), r["directions"]))
    lines = ["| task | cell | D | test accuracy | best dev | epochs to 95% dev | epochs run | s / epoch | parameters |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        task = "SST-2" if r["task"].startswith("sst2") else f"temporal order L={r['task'][2:]}"
        test = f"{100 * r['test']:.1f}%" if r["test"] is not None else "-"
        reached = str(r["epochs_to_95"]) if r["epochs_to_95"] else "never"
        lines.append(f"| {task} | {r['cell']} | {r['directions']} | {test} | {100 * r['best_dev']:.1f}% | {reached} | "
                     f"{r['epochs']} | {r['seconds_per_epoch']:.1f} | {r['parameters']:,} |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(table)
    print(table)

    def chart(path, series_rows, *options):
        tsv = path[: -len(".svg")] + ".tsv"
        with open(tsv, "w") as f:
            f.write("series\tx\ty\tgroup\tstroke\n")
            for series, x, y, group, stroke in series_rows:
                f.write(f"{series}\t{x}\t{y}\t{group}\t{stroke}\n")
        subprocess.run([binary, "chart", tsv, "-o", path, *options], check=True)
        print(f"wrote {path}")

    for task, points in sorted(curves.items(), key=lambda item: task_key(item[0])):
        title = "SST-2" if task.startswith("sst2") else f"Temporal order, L = {task[2:]}"
        chart(os.path.join(out, f"dev-accuracy-{task}.svg"), points,
              "--title", f"{title}: dev accuracy per epoch", "--x-label", "epoch", "--y-label", "dev accuracy (%)")

    profiles = []
    for path in sorted(glob.glob(os.path.join(out, "logs", "gradients-*.tsv"))):
        _, cell, state = os.path.basename(path)[: -len(".tsv")].split("-")
        with open(path) as f:
            next(f)
            for line in f:
                distance, norm, _ = line.split("\t")
                if float(norm) > 0:
                    profiles.append((f"{cell} {state}", int(distance), float(norm), cell,
                                     "dashed" if state == "untrained" else "solid"))
    if profiles:
        chart(os.path.join(out, "vanishing-gradient.svg"), profiles, "--log-y",
              "--title", "Gradient reaching h_t vs distance from the loss (forward-only models)",
              "--x-label", "distance from the last token (steps)", "--y-label", "mean ||dL/dh_t||")


if __name__ == "__main__":
    main()
