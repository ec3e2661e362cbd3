import ArgumentParser
import Foundation
import Pipeline
import Store

/// `sentiment predict`: standard input → one result line per input line, flushed as
/// soon as it is ready; a burst of lines is classified in micro-batches.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify standard input line by line: one result line per input line, flushed at once.",
        discussion: """
            TSV output: label<TAB>confidence (and <TAB>text with --echo). JSONL output: \
            {"text" (with --echo), "label", "confidence", "probabilities": {label: p}}. \
            A blank line gives a line with empty fields (TSV) or nulls (JSONL), so output \
            lines stay aligned with input lines. Works with `tail -f`.
            """
    )

    @OptionGroup var model: ClassifyingModelOptions
    @OptionGroup var classes: ClassChoiceOptions
    @OptionGroup var cache: CacheOptions

    @Option(help: "Output format.")
    var format: PredictFormat = .tsv

    @Flag(help: "Repeat each input text in the output.")
    var echo = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Leave the label empty (TSV) or null (JSONL) when its probability is below this.", valueName: "x"))
    var threshold: Float?

    @Option(name: .customLong("max-batch"), parsing: .unconditional, help: "Most lines grouped into one micro-batch under a burst.")
    var maxBatch = LineBatcher.defaultMaxBatch

    @Option(name: .customLong("max-wait-ms"), parsing: .unconditional, help: ArgumentHelp(
        "Most milliseconds a burst waits for its micro-batch to fill (inf, or a day or more: until it is full or the input ends).",
        valueName: "ms"))
    var maxWaitMilliseconds = LineBatcher.defaultBurstWait * 1000

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1, not \(threshold)") }
        try OptionChecks.batchSize(maxBatch, "max-batch")
        guard !maxWaitMilliseconds.isNaN else { throw ValidationError("--max-wait-ms must be a number of milliseconds, not nan") }
        guard maxWaitMilliseconds >= 0 else { throw ValidationError("--max-wait-ms must be 0 or more, not \(maxWaitMilliseconds)") }
    }

    func run() throws {
        try classifyStandardInput(
            command: "predict", model: model, classes: classes, cache: cache,
            writer: { PredictLineWriter(format: format.resultFormat, labels: $0, echo: echo, threshold: threshold) },
            maxBatch: maxBatch, burstWait: maxWaitMilliseconds / 1000)
    }
}

/// `predict` writes a line per input line: TSV or JSONL (CSV quoting could span lines).
enum PredictFormat: String, CaseIterable, ExpressibleByArgument {
    case tsv, jsonl

    var resultFormat: ResultFormat { self == .tsv ? .tsv : .jsonl }
}
