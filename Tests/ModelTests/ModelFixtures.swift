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

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("model-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
