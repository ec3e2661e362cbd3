#!/usr/bin/env python3
"""Classify a corpus on Apache Spark with the portable `sentiment` binary.

    spark-submit examples/spark/classify.py INPUT OUTPUT [--text-column C]
        [--format text|csv|parquet|jsonl] [--output-format parquet|jsonl|csv]

Each executor receives the binary (`SparkContext.addFile`; build it with
scripts/build-portable.sh, it needs no Swift toolchain) and pipes its partitions'
texts through `sentiment predict --format jsonl --no-cache`, which answers every input
line with exactly one line. OUTPUT gets the input rows, in their order, each with:

    row            its position in the input as Spark reads it, counted from 0 (for
                   one file: its line's or record's number, counted from 0)
    label          the predicted class (null for a blank or null text)
    confidence     the label's probability
    probabilities  one field per class (CSV: one column per class, as `classify` writes)

Texts may hold line breaks (a CSV field, a JSON string): each CR and LF is replaced by a
space on the way to the binary, which keeps one text to one line. The tokenizer treats
both as whitespace, so the prediction is the same as for the text with its line breaks
(scripts/test-spark.sh checks this against `sentiment classify --text-column`); the
output keeps the original text. A subprocess that fails fails its task with the
binary's own error message, and the job once Spark's retries of that task are spent.

`--help` lists the other options: --binary, --model (a model file, shipped beside the
binary), --partitions, --prefix (for an input that already has a `label` column, say),
--overwrite. Standard library and PySpark only, so it runs on any cluster's Python.
"""

import argparse
import collections
import itertools
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.functions import spark_partition_id
from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

DEFAULT_BINARY = Path(__file__).resolve().parent.parent.parent / "dist" / "sentiment"
# A text reaches the binary as one line: these are the characters that could split it.
# (predict splits on LF alone, dropping a CR before it; both become spaces.)
LINE_BREAK_TRANSLATION = str.maketrans({"\n": " ", "\r": " "})
STDERR_KEPT = 64 * 1024


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="classify.py",
        description="Classify a corpus on Spark with the portable sentiment binary; "
        "see the module's docstring for the output's columns.",
    )
    parser.add_argument("input", help="a file or folder Spark can read (any of its file systems)")
    parser.add_argument("output", help="the folder to write (it must not exist, unless --overwrite)")
    parser.add_argument("--text-column", default="text",
                        help="the column holding the text, for csv, parquet and jsonl input "
                        "(default: %(default)s; text input has one text per line)")
    parser.add_argument("--format", choices=("text", "csv", "parquet", "jsonl"), default="text",
                        help="the input's format (default: %(default)s); csv has a header row "
                        "and may quote line breaks inside a field (RFC 4180)")
    parser.add_argument("--output-format", choices=("parquet", "jsonl", "csv"), default="parquet",
                        help="the output's format (default: %(default)s)")
    parser.add_argument("--binary", default=os.environ.get("SENTIMENT_BINARY", str(DEFAULT_BINARY)),
                        help="the sentiment binary to ship (default: $SENTIMENT_BINARY, else "
                        "dist/sentiment beside this example: %(default)s)")
    parser.add_argument("--model", help="a model file (.safetensors) to ship and use instead of "
                        "the binary's embedded model")
    parser.add_argument("--partitions", type=int,
                        help="when the input comes in fewer partitions than this, split it into "
                        "this many, keeping its order (default: Spark's default parallelism)")
    parser.add_argument("--prefix", default="",
                        help="put before the names of the columns added (default: none); needed "
                        "when the input already has a column called row, label, … ")
    parser.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    return parser.parse_args(argv)


def predict_command(binary, model):
    command = [binary, "predict", "--format", "jsonl", "--no-cache"]
    return command + (["--model", model] if model else [])


def failure_message(command, status, answered, sent, stderr):
    said = stderr.decode("utf-8", "replace").strip() or "(nothing on stderr)"
    return (f"{os.path.basename(command[0])} predict exited with status {status} after answering "
            f"{answered} of {sent} lines of this partition: {said}")


def model_classes(command):
    """The model's classes, in the order predict lists them, from one line through the
    binary on the driver: a binary that cannot start here stops the job before any task."""
    try:
        done = subprocess.run(command, input=b"probe\n", capture_output=True, check=False)
    except OSError as error:
        sys.exit(f"classify.py: cannot run {command[0]}: {error}")
    if done.returncode != 0:
        sys.exit("classify.py: " + failure_message(command, done.returncode, 0, 1, done.stderr))
    return list(json.loads(done.stdout.decode("utf-8"))["probabilities"])


def classify_partition(rows, command, text_index):
    """Yields (row, answer) for each (row, index) of a partition, in order, where answer
    is predict's JSON object for the row's text.

    A thread writes the texts to the binary while this generator reads its answers, so
    neither pipe fills up and blocks the other side. A row enters `waiting` before its
    text is written, so its answer always finds it there."""
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    waiting = collections.deque()
    writer_error = []
    stderr_tail = bytearray()

    def write_texts():
        try:
            for pair in rows:
                text = pair[0][text_index]
                line = "" if text is None else str(text).translate(LINE_BREAK_TRANSLATION)
                waiting.append(pair)
                process.stdin.write(line.encode("utf-8") + b"\n")
            process.stdin.close()
        except BrokenPipeError:
            pass  # the binary stopped reading: its exit status and stderr say why
        except BaseException as error:  # noqa: BLE001 - re-raised by the reading side
            writer_error.append(error)
            process.kill()

    def read_stderr():
        for chunk in iter(lambda: process.stderr.read1(8192), b""):
            stderr_tail.extend(chunk)
            del stderr_tail[:-STDERR_KEPT]

    writer = threading.Thread(target=write_texts, daemon=True)
    reader = threading.Thread(target=read_stderr, daemon=True)
    writer.start()
    reader.start()
    answered = 0
    for line in process.stdout:
        if not waiting:
            process.kill()
            raise RuntimeError(f"{command[0]} answered more lines than it was given")
        answered += 1
        yield waiting.popleft(), json.loads(line)
    writer.join()
    status = process.wait()
    reader.join()
    if writer_error:
        raise writer_error[0]
    if status != 0 or waiting:
        sent = answered + len(waiting)
        raise RuntimeError(failure_message(command, status, answered, sent, bytes(stderr_tail)))


def result_rows(pairs, classes):
    for (row, index), answer in pairs:
        probabilities = answer["probabilities"]
        probability_values = None if probabilities is None else tuple(probabilities[name] for name in classes)
        yield (index, *row, answer["label"], answer["confidence"], probability_values)


def read_input(spark, path, input_format):
    reader = spark.read
    if input_format == "text":
        # One text per LF, as `sentiment classify --lines` reads a file (Spark would also
        # cut at a lone CR); a CR before the LF stays with the text and becomes a space.
        return reader.option("lineSep", "\n").text(path).withColumnRenamed("value", "text")
    if input_format == "csv":
        return reader.options(header=True, multiLine=True, escape='"').csv(path)
    if input_format == "jsonl":
        return reader.json(path)
    return reader.parquet(path)


def indexed_rows(frame, wanted):
    """The frame's rows as (row, index) pairs, index being the row's position in the
    input as Spark reads it, in at least `wanted` partitions of consecutive indices, in
    order.

    Each partition's rows are counted in the JVM (one pass over the input that never
    hands a row to Python) to know where its indices start. Only an input read in fewer
    partitions than `wanted` (a small file, a gzip file, a multi-line CSV file) is
    shuffled, into ranges of indices, each sorted."""
    rdd = frame.rdd
    partitions = rdd.getNumPartitions()
    counts = dict(frame.groupBy(spark_partition_id()).count().collect())
    starts = list(itertools.accumulate((counts.get(part, 0) for part in range(partitions)), initial=0))
    total = starts[-1]
    indexed = rdd.mapPartitionsWithIndex(
        lambda part, rows: ((row, starts[part] + offset) for offset, row in enumerate(rows))
    )
    if partitions >= wanted or total == 0:
        return indexed
    by_index = indexed.map(lambda pair: (pair[1], pair[0]))
    return by_index.repartitionAndSortWithinPartitions(
        numPartitions=wanted, partitionFunc=lambda index: index * wanted // total
    ).map(lambda pair: (pair[1], pair[0]))


def main(argv):
    args = parse_arguments(argv)
    binary = Path(args.binary)
    if not binary.is_file():
        sys.exit(f"classify.py: no binary at {binary}: build it with scripts/build-portable.sh, or pass --binary")
    spark = SparkSession.builder.appName("sentiment classify").getOrCreate()
    context = spark.sparkContext

    model_name = None
    if args.model:
        if not Path(args.model).is_file():
            sys.exit(f"classify.py: no model file at {args.model}")
        context.addFile(args.model)
        model_name = Path(args.model).name
    context.addFile(str(binary))
    classes = model_classes(predict_command(str(binary), args.model))

    frame = read_input(spark, args.input, args.format)
    text_column = "text" if args.format == "text" else args.text_column
    if text_column not in frame.columns:
        sys.exit(f"classify.py: {args.input} has no column {text_column!r} (its columns: "
                 f"{', '.join(frame.columns)}); name one with --text-column")
    added = [args.prefix + name for name in ("row", "label", "confidence", "probabilities")]
    if args.output_format == "csv":
        added += [args.prefix + name for name in classes]
    clashes = [name for name in added if name in frame.columns]
    if clashes:
        sys.exit(f"classify.py: {args.input} already has the column(s) {', '.join(clashes)} that "
                 "the results would add: pass --prefix (e.g. --prefix predicted_)")

    schema = StructType(
        [StructField(added[0], LongType(), False)]
        + frame.schema.fields
        + [
            StructField(added[1], StringType()),
            StructField(added[2], DoubleType()),
            StructField(added[3], StructType([StructField(name, DoubleType()) for name in classes])),
        ]
    )
    text_index = frame.columns.index(text_column)
    binary_name = binary.name

    def classify(pairs):
        path = SparkFiles.get(binary_name)
        if not os.access(path, os.X_OK):
            os.chmod(path, 0o755)
        model_path = SparkFiles.get(model_name) if model_name else None
        return result_rows(classify_partition(pairs, predict_command(path, model_path), text_index), classes)

    indexed = indexed_rows(frame, args.partitions or context.defaultParallelism)
    results = spark.createDataFrame(indexed.mapPartitions(classify), schema, verifySchema=False)

    writer = results.write.mode("overwrite" if args.overwrite else "errorifexists")
    if args.output_format == "parquet":
        writer.parquet(args.output)
    elif args.output_format == "jsonl":
        # Nulls written out, as predict writes them, so every row has the same keys.
        writer.option("ignoreNullFields", False).json(args.output)
    else:
        flat = results.select(
            *[name for name in results.columns if name != added[3]],
            *[results[added[3]][name].alias(args.prefix + name) for name in classes],
        )
        flat.write.mode("overwrite" if args.overwrite else "errorifexists").options(
            header=True, escape='"'
        ).csv(args.output)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
