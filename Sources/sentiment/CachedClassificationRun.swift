import Foundation
import Model
import Pipeline
import Store

/// A run that classifies texts through the prediction cache: the one place where the
/// root command, `predict` and `classify` open the cache, load the model (lazily when the
/// cache knows it), record the run, and fall back to no cache on a full disk with one
/// warning.
struct CachedClassificationRun {
    let pipeline: ClassificationPipeline
    private let database: CacheDatabase?
    private let runID: Int64?
    private let predictionCache: PredictionCache?
    private let fallback = CacheFallback()

    /// `config(fingerprint)` is the run's settings as the `runs` table records them.
    init(command: String, cache: CacheOptions, model: ClassifyingModelOptions, classes: ClassChoiceOptions,
         batchSize: Int = 64, chunkSize: Int = 512, config: ((String) -> String)? = nil) throws {
        let fallback = fallback
        let database = try cache.open(fallback: fallback)
        let classifier = try model.classifier(cachedIn: database)
        let classSubset = try classes.subset(of: classifier.labels)
        let runID = try database.flatMap { database in
            try fallback.attempt { try database.beginRun(command: command, config: config?(classifier.fingerprint)) }
        }
        let predictionCache = try database.flatMap { database in
            try fallback.attempt {
                try PredictionCache(database: database, modelFingerprint: classifier.fingerprint,
                                    labels: classifier.labels, runID: runID)
            }
        }
        pipeline = ClassificationPipeline(classifier: classifier, cache: predictionCache, batchSize: batchSize, chunkSize: chunkSize)
        pipeline.classes = classSubset
        pipeline.onCacheUnwritable = fallback.warn
        (self.database, self.runID, self.predictionCache) = (database, runID, predictionCache)
    }

    /// Cache hits and misses so far; nil without a cache.
    var counters: (hits: Int, misses: Int)? { predictionCache?.counters }

    /// Records the run's cache counters (a full disk here only warns).
    func finish() throws {
        guard let database, let runID else { return }
        let counters = predictionCache?.counters ?? (hits: 0, misses: 0)
        _ = try fallback.attempt { try database.finishRun(runID, cacheHits: counters.hits, cacheMisses: counters.misses) }
    }
}
