import Foundation
import Text
import Vocabulary
@testable import Model

/// Small models and files for the Model tests.
enum ModelFixtures {
    static let vocabulary = Vocabulary(
        tokens: ["<pad>", "<unk>", "good", "bad", "film", "not", "great", "awful"],
        counts: [0, 0, 9, 8, 7, 6, 5, 4])

    static func classifierConfig(pooling: Pooling = .last, layers: Int = 1, cell: CellKind = .lstm,
                                 directions: Int = 2) -> ClassifierConfig {
        ClassifierConfig(vocabularySize: vocabulary.count, embeddingDim: 4, hiddenSize: 3, layers: layers,
                         classCount: 2, dropout: 0.1, pooling: pooling, cell: cell, directions: directions)
    }

    static func configuration(storage: TensorStorage = .float32, layers: Int = 1, cell: CellKind = .lstm,
                              directions: Int = 2) -> ModelConfiguration {
        ModelConfiguration(classifier: classifierConfig(layers: layers, cell: cell, directions: directions),
                           maxLength: 64, tokenizer: TokenizerOptions(), storage: storage, training: nil)
    }

    static func modelFile(storage: TensorStorage = .float32, layers: Int = 1, seed: UInt64 = 3, cell: CellKind = .lstm,
                          directions: Int = 2) -> SentimentModelFile {
        let classifier = Classifier(config: classifierConfig(layers: layers, cell: cell, directions: directions), seed: seed)
        return SentimentModelFile(classifier: classifier,
                                  configuration: configuration(storage: storage, layers: layers, cell: cell,
                                                               directions: directions),
                                  labels: ["negative", "positive"], vocabulary: vocabulary)
    }

    /// corpora/demo: short English reviews and remarks written for this project.
    static let demoCorpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora/demo")

    /// The header and first `rows` rows of corpora/demo/train.tsv (1,501: the split as it
    /// stood when these tests were written), copied into `directory`. Tests whose checks
    /// depend on the batch count or on the path one seed takes train on this slice, so
    /// that new rows in the corpus leave them as they are.
    static func demoTrainingSlice(rows: Int = 1501, in directory: URL) throws -> URL {
        let lines = try String(contentsOf: demoCorpus.appendingPathComponent("train.tsv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        precondition(lines.count > rows, "corpora/demo/train.tsv has fewer than \(rows) rows")
        let url = directory.appendingPathComponent("demo-train-\(rows).tsv")
        try (lines.prefix(rows + 1).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("model-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
