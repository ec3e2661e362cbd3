import ArgumentParser
import Corpus
import Files
import Foundation
import Model

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Refit a model's confidence on labeled text of your own domain, and write the recalibrated model.",
        discussion: """
            Fits a new temperature (and with --class-offsets one offset per class) on FILE by \
            negative log-likelihood, and writes the model with them to -o: the same network \
            and vocabulary, so every command reads it as any other model. Temperature alone \
            changes how sure the model says it is, never what it decides; class offsets also \
            move each class's share of the decisions, for a domain whose classes are not as \
            frequent as in training (more neutral text, for instance); they need every class \
            in FILE and are stored in the output layer's bias, where they add to any the \
            model already holds (the default model's): the card, and the report's 'in fc.bias' \
            line, give them all. Prints accuracy, ECE and NLL on FILE before and after: the \
            fit's own rows, so score the result with 'eval' on other rows. Labels in FILE are read as 'eval' reads them, and a FILE that holds \
            only some of the model's classes (negative and positive for the default model) \
            is fitted and scored over those, as 'eval' scores it.
            """
    )

    @Option(help: ArgumentHelp("Model file (default: the embedded model).", valueName: "model.safetensors"))
    var model: String?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Where to write the recalibrated model.", valueName: "model.safetensors"))
    var output: String

    @Flag(help: "Also fit one offset per class (moves decisions; needs every class in FILE).")
    var classOffsets = false

    @Option(help: "Corpus format of FILE.")
    var inputFormat: CorpusFormat = .auto

    @OptionGroup var columns: CorpusColumnOptions

    @Argument(help: ArgumentHelp("Labeled corpus to fit on (held out from training).", valueName: "file"))
    var file: String

    func validate() throws {
        try OptionChecks.modelOutput(output)
    }

    func run() throws {
        // Checked before any work: a folder, or the model or FILE named as -o.
        _ = try OutputTarget.checked(output, inputs: [file] + [model].compactMap { $0 })
        let model = try loadModel(model)
        let rows = try labeledRows(of: file) {
            try CorpusReader(path: file, options: columns.readOptions(format: inputFormat)).readAll()
        }
        let truth = try LabelMapping(model: model.configuration, labels: model.labels).classIndices(rows)
        let missing = Set(model.labels.indices).subtracting(truth).sorted().map { model.labels[$0] }
        if classOffsets, !missing.isEmpty {
            throw UsageError(description: "\(file): no rows labeled \(missing.joined(separator: ", ")); "
                + "--class-offsets needs every class of the model (\(model.labels.joined(separator: ", ")))")
        }
        let fit = Recalibration(model: model, texts: rows.map(\.text), truth: truth, withOffsets: classOffsets)
        try fit.file(of: model, data: file).write(to: URL(fileURLWithPath: output))
        try StandardOutput.shared.write(report(fit, model: model))
        if let warning = fit.separatedRowsWarning { StandardError.writeLine(
            "sentiment: warning: \(file): \(warning); fit on more rows, including some the model gets wrong") }
    }

    private func report(_ fit: Recalibration, model: SentimentModel) -> String {
        var lines = [
            ("model", model.source),
            ("data", "\(file) (\(grouped(fit.rows)) rows)"),
        ]
        if let classes = fit.classesScored {
            lines.append(("classes", "fitted and scored over \(classes.count) of the model's \(model.labels.count) classes "
                + "(\(classes.map { model.labels[$0] }.joined(separator: ", ")), the file's labels), as eval scores"))
        }
        lines.append(("temperature", String(format: "%.3f → %.3f", fit.temperatureBefore, fit.temperature)))
        if let offsets = fit.offsets {
            lines.append(("class offsets", offsetList(offsets, labels: model.labels)))
        }
        if fit.offsetsBefore != nil, let all = fit.offsetsInBias {
            lines.append(("in fc.bias", offsetList(all, labels: model.labels) + " (with the model's earlier offsets)"))
        }
        lines += [
            ("accuracy", "\(percent(fit.accuracyBefore)) → \(percent(fit.accuracyAfter))"),
            ("ECE", String(format: "%.4f → %.4f", fit.before.expectedCalibrationError, fit.after.expectedCalibrationError)),
            ("NLL", String(format: "%.4f → %.4f", fit.before.negativeLogLikelihood, fit.after.negativeLogLikelihood)),
            ("wrote", output),
        ]
        return keyValueLines(lines)
    }
}
