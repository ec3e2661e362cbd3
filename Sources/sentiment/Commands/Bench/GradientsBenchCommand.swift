import ArgumentParser
import Corpus
import Foundation
import Model

/// `sentiment bench gradients`: the vanishing-gradient measurement. For a model (trained,
/// or the same shape freshly initialized with `--untrained`) and a labeled corpus, prints
/// the mean ‖∂L/∂h_t‖ of the first layer's forward direction against the distance from
/// the last token, where the loss enters (see `StateGradientProfile`).
struct GradientsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradients",
        abstract: "Measure how the gradient reaching each hidden state fades with distance from the loss.",
        discussion: """
            Prints TSV: distance<TAB>mean_norm<TAB>texts, one row per distance k = 0, 1, … \
            from each text's last token (the loss enters there with --pool last). \
            Use a forward-only, last-pooled model for the clean picture; scripts/compare-cells.sh \
            plots it on a log scale for every cell.
            """
    )

    @Option(name: [.short, .long], help: "Model file.")
    var model: String

    @Argument(help: "Labeled corpus (the model's labels).")
    var corpus: String

    @Flag(help: "Use fresh weights of the same shape (seed --seed) instead of the trained ones.")
    var untrained = false

    @Option(parsing: .unconditional, help: "Seed for --untrained.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Texts measured (the first N of the corpus).")
    var limit = 512

    func validate() throws {
        try OptionChecks.positive(limit, "limit")
    }

    func run() throws {
        let loaded = try SentimentModel.load(contentsOf: URL(fileURLWithPath: model))
        let rows = try CorpusReader(path: corpus).readAll().prefix(limit)
        var texts: [[Int32]] = [], labels: [Int] = []
        for row in rows {
            guard let label = loaded.labels.firstIndex(of: row.label) else {
                throw UsageError(description: "\(row.file):\(row.line): label '\(row.label)' is not one of the model's (\(loaded.labels.joined(separator: ", ")))")
            }
            texts.append(loaded.encode(row.text))
            labels.append(label)
        }
        guard !texts.isEmpty else { throw UsageError(description: "\(corpus): no rows") }
        let classifier = untrained ? Classifier(config: loaded.classifier.config, seed: seed) : loaded.classifier
        let profile = StateGradientProfile.measure(classifier, texts: texts, labels: labels)
        print("distance\tmean_norm\ttexts")
        for (k, norm) in profile.meanNorm.enumerated() where profile.count[k] > 0 {
            print("\(k)\t\(String(format: "%.6g", norm))\t\(profile.count[k])")
        }
    }
}
