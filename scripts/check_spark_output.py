#!/usr/bin/env python3
"""Checks what examples/spark/classify.py wrote against `sentiment classify` over the
same texts (for scripts/test-spark.sh; needs PySpark to read Parquet).

    check_spark_output.py OUTPUT FORMAT INPUT REFERENCE [--lines] [--blank-is-null]

OUTPUT is the job's folder, FORMAT its --output-format (parquet, jsonl or csv). INPUT is
what the job read: a text file (--lines: one text per line) or a JSONL file with "id"
and "text". REFERENCE is `sentiment classify --format jsonl` over the same texts (with
--lines, or --text-column text on INPUT's rows). Checks that the job wrote one row per
input row; that read part by part, in the parts' order, the rows' `row` keys run 0, 1,
2, … (the input's order kept); that each row carries its input row (text unchanged,
line breaks included; the id of a JSONL row); and that its label, confidence and every
probability equal the reference's, the numbers to within one unit of their last printed
digit (0.0001): `predict` groups lines into other batches than `classify`, and a batch's
shape changes the order in which BLAS sums a row's products (a step with one row left is
a matrix-vector product), which moves a probability by about 1e-7, enough to round the
fourth decimal the other way now and then. A label may differ only where the reference's
two most probable classes are that close. Prints one line saying so, or the first
mismatches and exits 1.
"""

import argparse
import csv
import json
import sys
from pathlib import Path

FIELDS = ("label", "confidence", "probabilities")


LAST_DIGIT = 1e-4 + 1e-9  # one unit of the fourth decimal, and the float error of reading it


def agrees(field, value, reference):
    """Whether an output field matches classify's answer (see the module's docstring)."""
    wanted = reference[field]
    if value is None or wanted is None:
        return value is None and wanted is None
    if field == "confidence":
        return abs(value - wanted) <= LAST_DIGIT
    if field == "probabilities":
        return value.keys() == wanted.keys() and all(abs(value[k] - wanted[k]) <= LAST_DIGIT for k in wanted)
    if value == wanted:
        return True
    top = sorted(reference["probabilities"].values(), reverse=True)
    return len(top) > 1 and top[0] - top[1] <= 2 * LAST_DIGIT


def input_rows(path, lines):
    with open(path, encoding="utf-8", newline="") as file:
        if lines:
            return [{"text": line[:-1] if line.endswith("\n") else line} for line in file]
        return [json.loads(line) for line in file]


def reference_answers(path):
    with open(path, encoding="utf-8") as file:
        answers = [json.loads(line) for line in file]
    # `classify` numbers its rows by file line (from 1): the nth row is at line n.
    for number, answer in enumerate(answers, start=1):
        if answer["line"] != number:
            sys.exit(f"check: {path}: row {number} has line {answer['line']}; expected one row per line")
    return answers


def part_files(output, suffix):
    parts = sorted(path for path in Path(output).iterdir() if path.name.startswith("part-") and path.name.endswith(suffix))
    if not parts:
        sys.exit(f"check: no part-*{suffix} files in {output}")
    return parts


def output_rows(output, output_format, classes):
    """The job's rows as dicts (row, text, id?, label, confidence, probabilities), part by
    part in the parts' order, and the number of parts."""
    rows = []
    if output_format == "jsonl":
        for part in part_files(output, ".json"):
            with open(part, encoding="utf-8") as file:
                rows += [json.loads(line) for line in file]
        return rows, len(part_files(output, ".json"))
    if output_format == "csv":
        for part in part_files(output, ".csv"):
            with open(part, encoding="utf-8", newline="") as file:
                for record in csv.DictReader(file):
                    row = {key: (value if value != "" else None) for key, value in record.items()}
                    row["row"] = int(row["row"])
                    if row.get("id") is not None:
                        row["id"] = int(row["id"])
                    row["confidence"] = None if row["confidence"] is None else float(row["confidence"])
                    values = [row.pop(name) for name in classes]
                    row["probabilities"] = None if values[0] is None else {
                        name: float(value) for name, value in zip(classes, values)
                    }
                    rows.append(row)
        return rows, len(part_files(output, ".csv"))
    from pyspark.sql import SparkSession  # only Parquet needs Spark

    builder = SparkSession.builder.master("local[1]").appName("check")
    spark = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for part in part_files(output, ".parquet"):
        rows += [record.asDict(recursive=True) for record in spark.read.parquet(str(part)).collect()]
    spark.stop()
    return rows, len(part_files(output, ".parquet"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("format", choices=("parquet", "jsonl", "csv"))
    parser.add_argument("input")
    parser.add_argument("reference")
    parser.add_argument("--lines", action="store_true")
    parser.add_argument("--blank-is-null", action="store_true",
                        help="a CSV file went through: it writes an empty text and a null alike")
    args = parser.parse_args()

    inputs = input_rows(args.input, args.lines)
    references = reference_answers(args.reference)
    if len(references) != len(inputs):
        sys.exit(f"check: the reference has {len(references)} rows for {len(inputs)} input rows")
    classes = next(list(answer["probabilities"]) for answer in references if answer["probabilities"])
    rows, parts = output_rows(args.output, args.format, classes)

    problems = []
    if len(rows) != len(inputs):
        problems.append(f"{len(rows)} output rows for {len(inputs)} input rows")
    for position, row in enumerate(rows):
        if len(problems) >= 10:
            break
        if row["row"] != position:
            problems.append(f"output row {position} has row key {row['row']}: the input's order is lost")
            continue
        if position >= len(inputs):
            continue
        expected = inputs[position]
        for key in expected:
            actual, wanted = row.get(key), expected[key]
            if key == "id" and actual is not None:
                actual = int(actual)  # a CSV file's columns are read as strings
            if args.blank_is_null and key == "text":
                actual, wanted = actual or None, wanted or None
            if actual != wanted:
                problems.append(f"row {position}: {key} {actual!r}, the input's is {wanted!r}")
        reference = references[position]
        for field in FIELDS:
            if not agrees(field, row[field], reference):
                problems.append(f"row {position}: {field} {row[field]!r}, classify says {reference[field]!r}")
    if problems:
        print(f"check: {args.output}: FAILED", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    breaks = sum(1 for row in inputs if row.get("text") and ("\n" in row["text"] or "\r" in row["text"]))
    blank = sum(1 for answer in references if answer["label"] is None)
    print(f"check: {args.output} ({args.format}, {parts} parts): {len(rows)} rows in input order, each with the input's "
          f"columns and classify's label, confidence and {len(classes)} probabilities "
          f"({breaks} texts with line breaks, {blank} blank or null)")


if __name__ == "__main__":
    main()
