import Foundation
import Model
import Text
import Vocabulary

/// Writes a small but real model file whose answer is known exactly: the output layer's
/// weights are zero, so every text gets softmax(fc.bias) whatever the LSTM computes.
/// - Parameters:
///   - probabilities: the class probabilities every text gets, in `labels` order.
///   - labels: the class names (negative, positive unless given).
func writeConstantModel(to url: URL, probabilities: [Float], labels: [String] = ["negative", "positive"]) throws {
    precondition(labels.count == probabilities.count, "one probability per class")
    let config = ClassifierConfig(
        vocabularySize: 4, embeddingDim: 3, hiddenSize: 2, layers: 1, classCount: labels.count, dropout: 0, pooling: .last)
    let classifier = Classifier(config: config, seed: 7)
    let weight = try XCTUnwrapOrThrow(classifier.parameter(named: "fc.weight"))
    weight.value = Array(repeating: 0, count: weight.value.count)
    let bias = try XCTUnwrapOrThrow(classifier.parameter(named: "fc.bias"))
    bias.value = probabilities.map { Float(log(Double($0))) }
    let configuration = ModelConfiguration(
        classifier: config, maxLength: 64, tokenizer: TokenizerOptions(), storage: .float32, training: nil)
    let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good", "bad"], counts: [0, 0, 1, 1])
    try SentimentModelFile(classifier: classifier, configuration: configuration, labels: labels,
                           vocabulary: vocabulary).write(to: url)
}

struct MissingParameter: Error {}

private func XCTUnwrapOrThrow<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingParameter() }
    return value
}
