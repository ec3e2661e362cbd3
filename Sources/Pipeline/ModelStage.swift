import Store

/// Runs the model on the encoded texts of a chunk, in length-sorted batches, and
/// merges its answers with the cached ones, in input order.
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
        let sequences = pending.map { chunk[$0].ids! }
        for batch in lengthSortedBatches(lengths: sequences.map(\.count), batchSize: batchSize) {
            let rows = try classifier.probabilities(for: batch.map { sequences[$0] })
            for (position, row) in zip(batch, rows) { fresh[pending[position]] = row }
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
