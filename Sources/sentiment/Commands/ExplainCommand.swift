import ArgumentParser
import Files
import Foundation
import Model
import Pipeline

/// `sentiment explain [TEXT…]`: why the model decided what it did about each text —
/// every token's attribution (integrated gradients, `Model.Explainer`) and what each
/// recurrent direction's gates did at each token — as text, JSON Lines or one HTML page.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain predictions: each token's attribution and the recurrent gates at each token.",
        discussion: """
            Texts come from the arguments, else one per line of standard input (invalid UTF-8 \
            is replaced, as predict does; a blank text gets no prediction). A token's \
            attribution is how much it moved the explained class's logit (the predicted class, \
            or --class), by integrated gradients from an all-zero embedding: the attributions \
            add up to logit − baseline logit, and completeness_error says how closely. \
            Colors: GREEN marks a token that pushes TOWARD the explained class, RED one that \
            pushes AGAINST it; the deeper the color, the stronger the push.

            text: on a terminal (without NO_COLOR), the highlighted text, the probabilities \
            and one sparkline row per gate and state norm of each layer and direction \
            ('L0 fwd forget': the mean over the units, ▁ 0 to █ 1); anywhere else, plain rows \
            with no escape codes: '#' lines with the text and the prediction, then a header \
            (token, start, end, attribution, then each layer and direction's gate means and \
            norms, e.g. L0_fwd_forget) and one tab-separated row per token.

            json: one object per text (JSON Lines); README's 'sentiment explain' section \
            lists the keys.

            html: one self-contained page (no network): the highlighted text with each \
            token's numbers on hover, probability bars and gate heatmaps.
            """
    )

    /// `--steps` below this is refused: fewer quadrature nodes rarely reach 1% completeness.
    static let minimumSteps = 32
    /// `--steps` above this is refused: each node is a copy of the text in one batch
    /// (512 nodes of a 400-token text take about 3 GB with the default model).
    static let maximumSteps = 512

    @OptionGroup var model: ClassifyingModelOptions

    @Option(help: "Output format: text (colored on a terminal, tab-separated rows otherwise), json (JSON Lines) or html.")
    var format: ExplainFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("class"), help: ArgumentHelp(
        "Explain this class (one of the model's class names) instead of the predicted one.", valueName: "name"))
    var className: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Quadrature nodes of the integrated-gradients integral, \(Self.minimumSteps) to \(Self.maximumSteps); doubled while the completeness error is above 1%.",
        valueName: "n"))
    var steps = Self.minimumSteps

    @Flag(help: "Add every hidden unit's gate values and states to the JSON (gates[].units).")
    var units = false

    @Argument(help: "Texts to explain (none, or -: one per line of standard input).")
    var texts: [String] = []

    func validate() throws {
        guard (Self.minimumSteps...Self.maximumSteps).contains(steps) else {
            throw ValidationError("--steps must be between \(Self.minimumSteps) and \(Self.maximumSteps), not \(steps)")
        }
        if units, format != .json { throw ValidationError("--units adds per-unit arrays to --format json only") }
    }

    func run() throws {
        // Every path is checked before the work: -o must be writable and not an input
        // (the model, or a file redirected to standard input).
        // `-` alone is standard input, as for every command that reads files.
        let readsStandardInput = texts.isEmpty || texts == ["-"]
        let target = try output.map {
            try OutputTarget.checked($0, inputs: [model.modelPath, readsStandardInput ? "-" : nil].compactMap { $0 })
        }
        let sentimentModel = try model.load()
        let classIndex = try className.map { name in
            guard let index = sentimentModel.labels.firstIndex(of: name) else {
                throw UsageError(description: "--class: the model has no class '\(name)'; its classes are "
                    + sentimentModel.labels.joined(separator: ", "))
            }
            return index
        }
        let outputFile = try target.map(OutputFile.init)
        do {
            if let outputFile { redirectStandardOutput(to: outputFile) }
            let writer = makeWriter(ExplainedModel(sentimentModel))
            // Refinement (doubling the nodes while the completeness error is above 1%) stops
            // before a batch would hold more than `Explainer.refinementTokenCap` tokens.
            let explainer = Explainer(model: sentimentModel, steps: steps, maxBatchTokens: Explainer.refinementTokenCap)
            try StandardOutput.shared.write(writer.header())
            var index = 0
            func explain(_ text: String) throws {
                // Blank texts get no prediction, as in predict and `sentiment TEXT`.
                let explanation = text.allSatisfy(\.isWhitespace)
                    ? nil : explainer.explain(text, classIndex: classIndex, units: units)
                try StandardOutput.shared.write(writer.entry(text, explanation, index: index))
                // Each answer as soon as it is ready (stdin may be a live stream).
                try StandardOutput.shared.flush()
                index += 1
            }
            if readsStandardInput {
                let reader = LineReader()
                while let line = try reader.nextLine() { try explain(line) }
            } else {
                for text in texts { try explain(text) }
            }
            try StandardOutput.shared.write(writer.footer())
            try StandardOutput.shared.flush()
            try outputFile?.commit()
        } catch {
            outputFile?.discard()
            throw error
        }
    }

    private func makeWriter(_ model: ExplainedModel) -> ExplanationWriter {
        switch format {
        case .text:
            return ExplanationTextWriter(model: model, style: ExplanationTextWriter.styleForStandardOutput(),
                                         width: ExplanationTextWriter.terminalColumns())
        case .json:
            return ExplanationJSONWriter(model: model, units: units)
        case .html:
            return ExplanationHTMLWriter(model: model)
        }
    }
}

enum ExplainFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, html

    /// `jsonl` reads as `json`, which is JSON Lines (one object per text): the name
    /// `classify` and `predict` give the same thing.
    init?(argument: String) {
        self.init(rawValue: argument == "jsonl" ? "json" : argument)
    }
}

/// One output format of `explain`: what comes before the first text, each text's
/// part (`explanation` nil for a blank text), and what comes after the last.
protocol ExplanationWriter {
    func header() -> String
    func entry(_ text: String, _ explanation: Explanation?, index: Int) -> String
    func footer() -> String
}

extension ExplanationWriter {
    func header() -> String { "" }
    func footer() -> String { "" }
}
