import ArgumentParser
import Foundation
import Model

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a model's card: network, labels, vocabulary, training data and metrics."
    )

    @Option(help: ArgumentHelp("Model file (default: the embedded model).", valueName: "model.safetensors"))
    var model: String?

    /// For scripts/check_pytorch_parity.py: print the model's token ids of each stdin line.
    @Flag(help: .hidden)
    var printIds = false

    /// Likewise: each stdin line's token ids, a tab, then the class probabilities.
    @Flag(help: .hidden)
    var printProbabilities = false

    func run() throws {
        let model = try loadModel(model)
        if printIds || printProbabilities {
            while let line = readLine(strippingNewline: true) {
                let ids = model.encode(line)
                var output = ids.map(String.init).joined(separator: " ")
                if printProbabilities {
                    let probabilities = model.probabilities(for: [ids])[0]
                    output += "\t" + probabilities.map { String(format: "%.9g", $0) }.joined(separator: " ")
                }
                try StandardOutput.shared.write(output + "\n")
            }
            return
        }
        try StandardOutput.shared.write(modelCard(model))
    }

    func modelCard(_ model: SentimentModel) -> String {
        let c = model.configuration, n = c.network
        var rows: [(String, String)] = [
            ("model", model.source),
            ("file size", "\(byteCount(model.fileSize)) (\(c.storage == .float16 ? "float16" : "float32") weights)"),
            ("fingerprint", model.fingerprint),
            ("format", "\(SentimentModelFile.formatName) v\(SentimentModelFile.formatVersion)"),
            ("labels", model.labels.joined(separator: ", ")
                + (c.sourceLabels.map { $0 == model.labels ? "" : " (trained from \($0.joined(separator: ", ")))" } ?? "")),
            ("vocabulary", "\(grouped(n.vocabularySize)) tokens"),
            ("network", "embedding \(n.embeddingDim) → \(n.directions == 2 ? "bidirectional " : "forward ")"
                + "\(n.cell.displayName) \(n.layers) layer\(n.layers == 1 ? "" : "s") × \(n.hiddenSize) "
                + "→ \(n.pooling.rawValue) pooling → dropout \(n.dropout) → linear \(n.featureWidth) → \(n.classCount)"),
            ("cell", "\(n.cell.rawValue), \(n.directions) direction\(n.directions == 1 ? "" : "s")"),
            ("parameters", grouped(n.parameterCount)),
            ("tokenizer", c.tokenizer.summary),
            ("max length", c.maxLength.map { "\($0) tokens (longer texts keep head and tail)" } ?? "none"),
        ]
        if let training = c.training { rows += trainingRows(training) }
        if let soup = c.soup {
            rows.append(("averaged from", "\(soup.count) models"))
            for (index, ingredient) in soup.enumerated() {
                rows.append(("model \(index + 1)", "\(ingredient.file) (\(ingredient.fingerprint.prefix(12)))"))
                rows += (ingredient.training.map(trainingRows) ?? [("training", "not recorded")]).map { ("  " + $0.0, $0.1) }
            }
        }
        if let calibration = c.calibration {
            let fitted = calibration.data.map { "\(grouped(calibration.devRows)) rows of \($0)" } ?? "\(grouped(calibration.devRows)) dev rows"
            rows.append(("calibration", "temperature \(String(format: "%.3f", calibration.temperature)) fitted on \(fitted): "
                + "ECE \(String(format: "%.4f", calibration.devECEBefore)) → \(String(format: "%.4f", calibration.devECEAfter)), "
                + "NLL \(String(format: "%.4f", calibration.devNLLBefore)) → \(String(format: "%.4f", calibration.devNLLAfter))"))
            if let offsets = calibration.offsets {
                rows.append(("class offsets", offsetList(offsets, labels: model.labels) + " (in fc.bias)"))
            }
        } else {
            rows.append(("calibration", "none (temperature 1)"))
        }
        return keyValueLines(rows)
    }

    /// What a training record says, a row each: data, schedule, starting model, vectors,
    /// dev and test scores.
    private func trainingRows(_ t: TrainingRecord) -> [(String, String)] {
        var rows: [(String, String)] = []
        var data = "train \(t.data.train) (\(grouped(t.data.trainRows)) rows)"
        data += t.data.devRows == 0 ? ", no dev set"
            : t.data.devCarvedFromTrain
            ? ", dev \(grouped(t.data.devRows)) rows held out of train"
            : ", dev \(t.data.dev ?? "?") (\(grouped(t.data.devRows)) rows)"
        if let test = t.data.test { data += ", test \(test) (\(grouped(t.data.testRows ?? 0)) rows)" }
        rows.append(("training data", data))
        let o = t.options
        // A run resumed with fewer --epochs than it had already run ends at once.
        let epochs = t.epochsRun > o.epochs ? "\(t.epochsRun) epochs" : "\(t.epochsRun) of \(o.epochs) epochs"
        rows.append(("training", "\(epochs), best epoch \(t.bestEpoch) by \(t.data.devRows == 0 ? "training loss" : "dev \(o.metric)"), "
            + "\(o.optimizer) lr \(o.learningRate), batch \(o.batchSize), seed \(t.seed)"))
        if let start = t.initialModel {
            rows.append(("fine-tuned from", "\(start.file) (\(start.fingerprint.prefix(12)))"))
        }
        if let v = t.vectors {
            rows.append(("vectors", "\(v.file) (\(v.dimension)d, \(grouped(v.found)) of \(grouped(v.vocabularySize - 2)) tokens found\(v.frozen ? ", frozen" : ""))"))
        }
        if let dev = t.dev {
            rows.append(("dev", "accuracy \(percent(dev.accuracy)), macro-F1 \(percent(dev.macroF1)) (\(grouped(dev.rows)) rows)"))
        }
        if let test = t.test {
            rows.append(("test", "accuracy \(percent(test.accuracy)), macro-F1 \(percent(test.macroF1)) (\(grouped(test.rows)) rows)"))
        }
        return rows
    }
}

/// Bytes as "812 B", "41.2 KB", "3.18 MB".
func byteCount(_ bytes: Int) -> String {
    switch bytes {
    case ..<1024: return "\(bytes) B"
    case ..<(1024 * 1024): return String(format: "%.1f KB", Double(bytes) / 1024)
    default: return String(format: "%.2f MB", Double(bytes) / 1024 / 1024)
    }
}
