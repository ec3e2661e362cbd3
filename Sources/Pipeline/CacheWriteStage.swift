import Foundation
import Store

/// Writes the chunk's fresh predictions to the cache in one transaction.
///
/// A cache that cannot take writes (`StoreError.unwritable`: a full disk) stops the run
/// unless `onUnwritable` is given: then it is called once, later chunks are not written,
/// and the classification goes on: the cache only saves work.
public struct CacheWriteStage<Tag>: Stage {
    public let cache: PredictionCache?
    private let failure: CacheWriteFailure?

    public init(cache: PredictionCache?, onUnwritable: ((StoreError) -> Void)? = nil) {
        self.cache = cache
        failure = onUnwritable.map(CacheWriteFailure.init)
    }

    public func process(_ chunk: [ClassifiedItem<Tag>]) throws -> [ClassifiedItem<Tag>] {
        guard let cache, failure?.hasHappened != true else { return chunk }
        var entries: [(key: TextKey, prediction: CachedPrediction)] = []
        for item in chunk {
            guard let key = item.keyToStore, let prediction = item.prediction else { continue }
            entries.append((key, CachedPrediction(label: prediction.label, probabilities: prediction.probabilities)))
        }
        guard !entries.isEmpty else { return chunk }
        do {
            try cache.store(entries)
        } catch let error as StoreError where error.isUnwritable && failure != nil {
            failure?.record(error)
        }
        return chunk
    }
}
