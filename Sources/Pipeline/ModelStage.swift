import Store

/// Runs the model on the encoded texts of a chunk that the cache did not answer (the
/// model batches them: `classifyEncoded`) and merges its answers with the cached ones,
/// in input order.
public struct ModelStage<Tag>: Stage {
    public let classifier: TextClassifier
    /// Sequences per forward pass.
    public let batchSize: Int

    public init(classifier: TextClassifier, batchSize: Int) {
        self.classifier = classifier
        self.batchSize = batchSize
    }

    public func process(_ chunk: [EncodedItem<Tag>]) throws -> [ClassifiedItem<Tag>] {
        let pending = chunk.indices.filter { chunk[$0].ids != nil }
        var fresh: [Int: [Float]] = [:]
        if !pending.isEmpty {
            let rows = try classifier.probabilities(for: pending.map { chunk[$0].ids! }, batchSize: batchSize)
            for (index, row) in zip(pending, rows) { fresh[index] = row }
        }
        let labels = classifier.labels
        return chunk.enumerated().map { index, encoded in
            let lookedUp = encoded.lookedUp
            var result = ClassifiedItem(tag: lookedUp.item.tag, text: lookedUp.item.text, prediction: nil, keyToStore: nil)
            if let cached = lookedUp.cached {
                result.prediction = Prediction(probabilities: cached.probabilities, labels: labels, isFromCache: true)
            } else if let probabilities = fresh[index] {
                result.prediction = Prediction(probabilities: probabilities, labels: labels)
                result.keyToStore = lookedUp.key
            }
            return result
        }
    }
}
