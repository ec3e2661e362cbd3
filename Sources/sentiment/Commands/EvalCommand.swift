import ArgumentParser
import Corpus
import Foundation
import Model
import Pipeline
import Store

extension ModelFileError: UserInputError { var isUserInputError: Bool { true } }

/// Loads `--model PATH`, or the embedded default model when none is given.
func loadModel(_ path: String?) throws -> SentimentModel {
    if let path { return try SentimentModel.load(contentsOf: URL(fileURLWithPath: path)) }
    return try SentimentModel.embeddedDefault()
}

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a model on a labeled corpus: accuracy, macro-F1, per-class P/R/F1, confusion matrix.",
        discussion: """
            Labels in FILE may be the model's class names or the labels it was trained from \
            (a model trained on 0/1 with --label-names negative,positive accepts both). \
            Runs through the same pipeline and cache as 'classify': the corpus is kept in the \
            dataset cache and each prediction in the prediction cache (--db), so scoring the \
            same file with the same model again reads neither; --no-cache turns that off.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("Model file (default: the embedded model).", valueName: "model.safetensors"))
    var model: String?

    @Option(help: "Output: a readable report, or JSON (accuracy, macro_f1, per_class, confusion).")
    var format: OutputFormat = .text

    @Option(help: "Corpus format of FILE.")
    var inputFormat: CorpusFormat = .auto

    @Argument(help: ArgumentHelp("Labeled corpus to score.", valueName: "file"))
    var file: String

    @OptionGroup var cache: CacheOptions

    func run() throws {
        let model = try loadModel(model)
        let database = try cache.open()
        let rows: [LabeledText]
        do {
            rows = try CorpusCache(database: database)
                .rows(path: file, options: CorpusReadOptions(format: inputFormat), split: "eval").rows
        } catch var error as CorpusError {
            error.formatFlag = "--input-format"  // eval's --format is the report's
            throw error
        }
        guard !rows.isEmpty else { throw UsageError(description: "\(file): no labeled rows") }
        let mapping = LabelMapping(labels: model.labels, sourceLabels: model.configuration.sourceLabels)
        let truth = try mapping.classIndices(rows)
        let runID = try database?.beginRun(command: "eval", config: FieldFormatting.object([
            ("model", jsonString(model.source)),
            ("fingerprint", jsonString(model.fingerprint)),
            ("data", jsonString(file)),
        ]))
        let predictionCache = try database.map {
            try PredictionCache(database: $0, modelFingerprint: model.fingerprint, labels: model.labels, runID: runID)
        }
        let predicted = try classifyRows(rows, model: model, cache: predictionCache)
        let metrics = ClassificationMetrics(labels: model.labels, truth: truth, predicted: predicted)
        if let database, let runID {
            let counters = predictionCache?.counters ?? (hits: 0, misses: 0)
            try database.finishRun(runID, metrics: evaluationJSON(metrics, model: model),
                                   cacheHits: counters.hits, cacheMisses: counters.misses)
        }
        let output = format == .json ? evaluationJSON(metrics, model: model) + "\n" : evaluationReport(metrics, model: model)
        try StandardOutput.shared.write(output)
    }

    /// The predicted class of every row, through the classification pipeline (cache
    /// lookup → encode → batches → model → cache write) in chunks.
    func classifyRows(_ rows: [LabeledText], model: SentimentModel, cache: PredictionCache?) throws -> [Int] {
        let pipeline = ClassificationPipeline(classifier: model, cache: cache)
        let chunkSize = pipeline.chunkSize
        var next = 0
        var predicted: [Int] = []
        predicted.reserveCapacity(rows.count)
        try pipeline.run(chunks: { () -> [TextItem<Int>]? in
            guard next < rows.count else { return nil }
            let end = min(rows.count, next + chunkSize)
            defer { next = end }
            return (next..<end).map { TextItem(tag: $0, text: rows[$0].text) }
        }) { (results: [ClassifiedItem<Int>]) in
            for result in results {
                // A blank text has no prediction in the pipeline; scored, it is the
                // model's answer for no tokens (what its encoder gives: <unk>).
                predicted.append(result.prediction?.labelIndex
                    ?? argmaxRows(model.probabilities(for: [model.encoder.encode(result.text)]))[0])
            }
        }
        return predicted
    }

    func evaluationReport(_ metrics: ClassificationMetrics, model: SentimentModel) -> String {
        var lines = [
            "model      \(model.source)",
            "data       \(file) (\(metrics.count) rows)",
            "",
            "accuracy   \(percent(metrics.accuracy))  (\(metrics.correct) of \(metrics.count))",
            "macro-F1   \(percent(metrics.macroF1))",
            "",
        ]
        let nameWidth = max(5, metrics.labels.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        lines.append(pad("class", nameWidth, left: true) + pad("precision", 11) + pad("recall", 9) + pad("F1", 9) + pad("support", 9))
        for scores in metrics.perClass {
            lines.append(pad(scores.label, nameWidth, left: true) + pad(percent(scores.precision), 11)
                         + pad(percent(scores.recall), 9) + pad(percent(scores.f1), 9) + pad(String(scores.support), 9))
        }
        lines.append("")
        lines.append("confusion matrix (rows: true label, columns: predicted)")
        let cellWidth = max(nameWidth, metrics.confusion.flatMap { $0 }.map { String($0).count }.max() ?? 1) + 2
        lines.append(pad("", nameWidth, left: true) + metrics.labels.map { pad($0, cellWidth) }.joined())
        for (k, row) in metrics.confusion.enumerated() {
            lines.append(pad(metrics.labels[k], nameWidth, left: true) + row.map { pad(String($0), cellWidth) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func evaluationJSON(_ metrics: ClassificationMetrics, model: SentimentModel) -> String {
        let perClass = metrics.perClass.map { scores in
            "\(jsonString(scores.label)):{\"precision\":\(jsonNumber(scores.precision)),\"recall\":\(jsonNumber(scores.recall)),"
                + "\"f1\":\(jsonNumber(scores.f1)),\"support\":\(scores.support)}"
        }.joined(separator: ",")
        let confusion = metrics.confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",")
        return "{\"model\":\(jsonString(model.source)),\"fingerprint\":\(jsonString(model.fingerprint)),"
            + "\"data\":\(jsonString(file)),\"rows\":\(metrics.count),"
            + "\"accuracy\":\(jsonNumber(metrics.accuracy)),\"macro_f1\":\(jsonNumber(metrics.macroF1)),"
            + "\"labels\":[\(metrics.labels.map(jsonString).joined(separator: ","))],"
            + "\"per_class\":{\(perClass)},\"confusion\":[\(confusion)]}"
    }
}

/// A JSON number with enough digits to round-trip the metric (at most 6 decimals).
func jsonNumber(_ value: Double) -> String {
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
