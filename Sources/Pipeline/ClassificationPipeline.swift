import Store

/// The chain every classifying command runs — cache lookup → tokenize+encode →
/// length-sorted batches → model → cache write → sink — streamed in chunks over two
/// threads by `ChunkedRunner`.
///
/// ```swift
/// let pipeline = ClassificationPipeline(classifier: model, cache: cache)
/// try pipeline.run(chunks: reader.nextChunk) { results in write(results) }
/// ```
public final class ClassificationPipeline {
    public let classifier: TextClassifier
    public let cache: PredictionCache?
    /// Sequences per forward pass.
    public var batchSize: Int
    /// Items per chunk, for sources that ask (see the CLI's `DocumentSource.nextChunk`).
    public var chunkSize: Int
    /// `--classes`: the results' predictions are restricted to these classes. The cache
    /// keeps the model's whole answer.
    public var classes: ClassSubset?
    /// Called once when the cache stops taking writes (a full disk); the run then goes
    /// on without writing to it. Without it, such an error ends the run.
    public var onCacheUnwritable: ((StoreError) -> Void)?

    public init(classifier: TextClassifier, cache: PredictionCache?, batchSize: Int = 64, chunkSize: Int = 512) {
        self.classifier = classifier
        self.cache = cache
        self.batchSize = batchSize
        self.chunkSize = chunkSize
    }

    /// The front lane: everything before the model, run ahead on its own thread.
    public func frontStages<Tag>(_: Tag.Type = Tag.self) -> ChainedStage<CacheLookupStage<Tag>, EncodeStage<Tag>> {
        CacheLookupStage<Tag>(cache: cache).then(EncodeStage<Tag>(classifier: classifier))
    }

    /// The back lane: the model and the cache writes.
    public func backStages<Tag>(_: Tag.Type = Tag.self) -> ChainedStage<ModelStage<Tag>, CacheWriteStage<Tag>> {
        ModelStage<Tag>(classifier: classifier, batchSize: batchSize)
            .then(CacheWriteStage<Tag>(cache: cache, onUnwritable: onCacheUnwritable))
    }

    /// Classifies every chunk `chunks` returns until it returns nil, handing each chunk's
    /// results to `sink` in input order, while the next chunk is read and encoded.
    /// - Parameter cancel: unblocks a source waiting for input when the run stops early.
    public func run<Tag>(
        chunks: @escaping () throws -> [TextItem<Tag>]?,
        cancel: @escaping () -> Void = {},
        sink: ([ClassifiedItem<Tag>]) throws -> Void
    ) throws {
        let classes = classes
        try ChunkedRunner().run(
            source: chunks, front: frontStages(Tag.self), back: backStages(Tag.self),
            sink: { results in
                guard let classes else { return try sink(results) }
                try sink(results.map { result in
                    var restricted = result
                    restricted.prediction = result.prediction.map(classes.restrict)
                    return restricted
                })
            },
            cancel: cancel)
    }

    /// The class names results are given in: the chosen classes, else the model's.
    public var outputLabels: [String] { classes?.labels ?? classifier.labels }

    /// Classifies `texts` on the calling thread: nil for blank texts.
    public func classify(_ texts: [String]) throws -> [Prediction?] {
        let items = texts.map { TextItem(tag: (), text: $0) }
        let predictions = try frontStages(Void.self).then(backStages(Void.self)).process(items).map(\.prediction)
        guard let classes else { return predictions }
        return predictions.map { $0.map(classes.restrict) }
    }
}
