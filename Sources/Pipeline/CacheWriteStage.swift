import Store

/// Writes the chunk's fresh predictions to the cache in one transaction.
public struct CacheWriteStage<Tag>: Stage {
    public let cache: PredictionCache?

    public init(cache: PredictionCache?) {
        self.cache = cache
    }

    public func process(_ chunk: [ClassifiedItem<Tag>]) throws -> [ClassifiedItem<Tag>] {
        guard let cache else { return chunk }
        var entries: [(key: TextKey, prediction: CachedPrediction)] = []
        for item in chunk {
            guard let key = item.keyToStore, let prediction = item.prediction else { continue }
            entries.append((key, CachedPrediction(label: prediction.label, probabilities: prediction.probabilities)))
        }
        if !entries.isEmpty { try cache.store(entries) }
        return chunk
    }
}
