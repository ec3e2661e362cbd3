import Foundation
import Model
import Pipeline
import Store

/// A run that classifies texts through the prediction cache: the one place where the
/// root command, `predict`, `classify` and `eval` record the run, attach the prediction
/// cache to the pipeline, count its hits, and fall back to no cache on a full disk with
/// one warning.
struct CachedClassificationRun {
    let pipeline: ClassificationPipeline
    private let database: CacheDatabase?
    private let runID: Int64?
    private let predictionCache: PredictionCache?
    private let fallback: CacheFallback

    /// Opens the cache, then the model (lazily when the cache knows it: a text it has seen
    /// is answered without loading the model). `config(fingerprint)` is the run's settings
    /// as the `runs` table records them.
    init(command: String, cache: CacheOptions, model: ClassifyingModelOptions, classes: ClassChoiceOptions,
         batchSize: Int = 64, chunkSize: Int = 512, config: ((String) -> String)? = nil) throws {
        let fallback = CacheFallback()
        let database = try cache.open(fallback: fallback)
        let classifier = try model.classifier(cachedIn: database)
        try self.init(command: command, database: database, fallback: fallback, classifier: classifier,
                      classes: try classes.subset(of: classifier.labels), batchSize: batchSize, chunkSize: chunkSize,
                      config: config?(classifier.fingerprint))
    }

    /// A run on a database the command opened already (with `fallback`).
    init(command: String, database: CacheDatabase?, fallback: CacheFallback, classifier: TextClassifier,
         classes: ClassSubset? = nil, batchSize: Int = 64, chunkSize: Int = 512, config: String? = nil) throws {
        let runID = try database.flatMap { database in
            try fallback.attempt { try database.beginRun(command: command, config: config) }
        }
        let predictionCache = try database.flatMap { database in
            try fallback.attempt {
                try PredictionCache(database: database, modelFingerprint: classifier.fingerprint,
                                    labels: classifier.labels, runID: runID)
            }
        }
        pipeline = ClassificationPipeline(classifier: classifier, cache: predictionCache, batchSize: batchSize, chunkSize: chunkSize)
        pipeline.classes = classes
        pipeline.onCacheUnwritable = fallback.warn
        (self.database, self.runID, self.predictionCache, self.fallback) = (database, runID, predictionCache, fallback)
    }

    /// Cache hits and misses so far; nil without a cache.
    var counters: (hits: Int, misses: Int)? { predictionCache?.counters }

    /// Records the run's cache counters and `metrics` (a full disk here only warns).
    func finish(metrics: String? = nil) throws {
        guard let database, let runID else { return }
        let counters = predictionCache?.counters ?? (hits: 0, misses: 0)
        _ = try fallback.attempt {
            try database.finishRun(runID, metrics: metrics, cacheHits: counters.hits, cacheMisses: counters.misses)
        }
    }
}
