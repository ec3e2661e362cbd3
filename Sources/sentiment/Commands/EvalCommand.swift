import ArgumentParser
import Corpus
import Files
import Foundation
import Model
import Pipeline
import Store

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a model on a labeled corpus: accuracy, macro-F1, per-class P/R/F1, confusion matrix, calibration.",
        discussion: """
            Labels in FILE may be the model's class names or the labels it was trained from \
            (a model trained on 0/1 with --label-names negative,positive accepts both, and so \
            does one trained with --label-aliases 0=negative,1=positive). When FILE's labels \
            are some of the model's classes only (a negative/positive file and a \
            negative/neutral/positive model), the decision is restricted to those classes, \
            as --classes does, and the report says so. Calibration: expected calibration \
            error (ECE, 15 equal-width confidence bins), negative log-likelihood and Brier \
            score; --reliability draws the diagram. \
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

    @Option(help: "Output: a readable report, or JSON (accuracy, macro_f1, per_class, confusion, ece, nll, brier, and the classes and rows scored).")
    var format: OutputFormat = .text

    @Option(help: "Corpus format of FILE.")
    var inputFormat: CorpusFormat = .auto

    @OptionGroup var columns: CorpusColumnOptions

    @OptionGroup var classes: ClassChoiceOptions

    @Option(help: ArgumentHelp("Also write a reliability diagram (accuracy against confidence per bin) to this SVG file, or an HTML page for .html.",
                               valueName: "file.svg"))
    var reliability: String?

    @Argument(help: ArgumentHelp("Labeled corpus to score.", valueName: "file"))
    var file: String

    @OptionGroup var cache: CacheOptions

    func run() throws {
        // The diagram's path is checked before the work, like every output.
        let picture = try reliability.map { path in
            _ = try OutputTarget.checked(path, inputs: [file] + [self.model].compactMap { $0 }, cache: cache)
            return try PictureFile(path, option: "--reliability")
        }
        let model = try loadModel(model)
        // A full disk under the cache: one warning, and the run goes on without it.
        let fallback = CacheFallback()
        let database = try cache.open(fallback: fallback)
        let rows = try labeledRows(of: file) {
            try CorpusCache(database: database, onUnwritable: fallback.warn)
                .rows(path: file, options: columns.readOptions(format: inputFormat), split: "eval").rows
        }
        let mapping = LabelMapping(model: model.configuration, labels: model.labels)
        let modelTruth = try mapping.classIndices(rows)
        let choice = try classChoice(model: model, rows: rows, truth: modelTruth)
        let run = try CachedClassificationRun(
            command: "eval", database: database, fallback: fallback, classifier: model,
            config: FieldFormatting.object([
                ("model", jsonString(model.source)),
                ("fingerprint", jsonString(model.fingerprint)),
                ("data", jsonString(file)),
            ]))
        var probabilities = try classifyRows(rows, model: model, pipeline: run.pipeline)
        if let subset = choice.subset { probabilities = probabilities.map(subset.restrict) }
        let score = Score(
            classification: ClassificationMetrics(labels: choice.labels, truth: choice.truth, predicted: argmaxRows(probabilities)),
            calibration: CalibrationMetrics(probabilities: probabilities, truth: choice.truth),
            modelClassCount: model.labels.count, automatic: choice.isAutomatic)
        let json = evaluationJSON(score, model: model)
        try run.finish(metrics: json)
        if let picture {
            let diagram = ReliabilityDiagram(
                bins: score.calibration.bins, expectedCalibrationError: score.calibration.expectedCalibrationError,
                title: "\(model.source == SentimentModel.embeddedName ? "default model" : model.source) on \(file)",
                scope: choice.subset.map { $0.labels.dropLast().joined(separator: ", ") + " and \($0.labels.last!) only, "
                    + (choice.isAutomatic ? "the file's classes" : "as --classes chose") })
            try picture.write(svg: diagram.svg(), title: "Reliability diagram")
        }
        let output = format == .json ? json + "\n" : evaluationReport(score, model: model)
        try StandardOutput.shared.write(output)
    }

    /// What one evaluation measured.
    struct Score {
        var classification: ClassificationMetrics
        var calibration: CalibrationMetrics
        var modelClassCount: Int
        /// The restriction to the file's classes was chosen by eval, not by --classes.
        var automatic: Bool
    }

    /// The classes scored: `--classes`, else the file's own when they are fewer than the
    /// model's (and at least two), else all. The truth is given as indices into them.
    private func classChoice(model: SentimentModel, rows: [LabeledText], truth: [Int])
        throws -> (subset: ClassSubset?, labels: [String], truth: [Int], isAutomatic: Bool) {
        var subset = try classes.subset(of: model.labels)
        var isAutomatic = false
        if subset == nil, let present = ClassificationMetrics.classesPresent(in: truth, of: model.labels.count) {
            subset = try ClassSubset(names: present.map { model.labels[$0] }, modelLabels: model.labels)
            isAutomatic = true
        }
        guard let subset, !subset.isWholeModel else { return (nil, model.labels, truth, false) }
        let position = Dictionary(uniqueKeysWithValues: subset.indices.enumerated().map { ($1, $0) })
        let restricted = try zip(rows, truth).map { row, index in
            guard let inSubset = position[index] else {
                throw UsageError(description: "\(row.file):\(row.line): label '\(row.label)' is not one of the classes given to --classes (\(subset.labels.joined(separator: ", ")))")
            }
            return inSubset
        }
        return (subset, subset.labels, restricted, isAutomatic)
    }

    /// The model's probabilities for every row, through the classification pipeline (cache
    /// lookup → encode → batches → model → cache write) in chunks.
    func classifyRows(_ rows: [LabeledText], model: SentimentModel, pipeline: ClassificationPipeline) throws -> [[Float]] {
        let chunkSize = pipeline.chunkSize
        var next = 0
        var predicted: [[Float]] = []
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
                predicted.append(result.prediction?.probabilities
                    ?? model.probabilities(for: [model.encoder.encode(result.text)])[0])
            }
        }
        return predicted
    }

    func evaluationReport(_ score: Score, model: SentimentModel) -> String {
        let metrics = score.classification, calibration = score.calibration
        var lines = [
            "model      \(model.source)",
            "data       \(file) (\(metrics.count) rows)",
        ]
        if metrics.labels.count < score.modelClassCount {
            lines.append("classes    scored over \(metrics.labels.count) of the model's \(score.modelClassCount) classes "
                + "(\(metrics.labels.joined(separator: ", "))\(score.automatic ? ", the file's labels" : ", --classes"))")
        }
        lines += [
            "",
            "accuracy   \(percent(metrics.accuracy))  (\(metrics.correct) of \(metrics.count))",
            "macro-F1   \(percent(metrics.macroF1))",
            "ECE        \(String(format: "%.4f", calibration.expectedCalibrationError))  (\(Calibration.binCount) confidence bins)",
            "NLL        \(String(format: "%.4f", calibration.negativeLogLikelihood))",
            "Brier      \(String(format: "%.4f", calibration.brierScore))",
            "",
        ]
        let nameWidth = max(5, metrics.labels.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        lines.append(pad("class", nameWidth, left: true) + pad("precision", 11) + pad("recall", 9) + pad("F1", 9) + pad("support", 9))
        for scores in metrics.perClass {
            // A class neither in the file nor predicted has no scores (and no part in macro-F1).
            let shown = scores.isScored ? [scores.precision, scores.recall, scores.f1].map(percent) : ["—", "—", "—"]
            lines.append(pad(scores.label, nameWidth, left: true) + pad(shown[0], 11)
                         + pad(shown[1], 9) + pad(shown[2], 9) + pad(String(scores.support), 9))
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

    func evaluationJSON(_ score: Score, model: SentimentModel) -> String {
        let metrics = score.classification, calibration = score.calibration
        let perClass = metrics.perClass.map { scores in
            // null where the class is neither in the file nor predicted (as the text's "—").
            let value = { (score: Double) in scores.isScored ? jsonNumber(score) : "null" }
            return "\(jsonString(scores.label)):{\"precision\":\(value(scores.precision)),\"recall\":\(value(scores.recall)),"
                + "\"f1\":\(value(scores.f1)),\"support\":\(scores.support)}"
        }.joined(separator: ",")
        let confusion = metrics.confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",")
        return "{\"model\":\(jsonString(model.source)),\"fingerprint\":\(jsonString(model.fingerprint)),"
            + "\"data\":\(jsonString(file)),\"rows\":\(metrics.count),"
            + "\"accuracy\":\(jsonNumber(metrics.accuracy)),\"macro_f1\":\(jsonNumber(metrics.macroF1)),"
            + "\"ece\":\(jsonNumber(calibration.expectedCalibrationError)),\"nll\":\(jsonNumber(calibration.negativeLogLikelihood)),"
            + "\"brier\":\(jsonNumber(calibration.brierScore)),"
            + "\"labels\":[\(metrics.labels.map(jsonString).joined(separator: ","))],"
            + "\"classes\":[\(metrics.labels.map(jsonString).joined(separator: ","))],"
            + "\"model_classes\":\(score.modelClassCount),"
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
