import Corpus
import Model
import Vocabulary

/// The data side of `train` through the dataset cache (`CorpusCache`): a corpus file
/// read before is taken from SQLite by its content hash, with the vocabulary built from
/// it and its token ids per encoder fingerprint, so a second run on the same file
/// neither parses nor tokenizes. Without a database (`--no-cache`) it reads and encodes
/// like `ReadingTrainingData`.
public final class CachedTrainingData: TrainingDataSource {
    public let cache: CorpusCache

    public init(cache: CorpusCache) {
        self.cache = cache
    }

    public func corpus(path: String, options: CorpusReadOptions, role: String) throws -> TrainingCorpus {
        let corpus = try cache.rows(path: path, options: options, split: role)
        return TrainingCorpus(path: path, rows: corpus.rows, isFromCache: corpus.isFromCache, handle: corpus)
    }

    public func vocabulary(of corpus: TrainingCorpus, settings: String, build: () throws -> Vocabulary)
        throws -> (vocabulary: Vocabulary, isFromCache: Bool)
    {
        guard let rows = corpus.handle as? CorpusRows else { return (try build(), false) }
        let result = try cache.vocabulary(for: rows, settings: settings, build: build)
        return (result.value, result.isFromCache)
    }

    public func encodings(of corpus: TrainingCorpus, encoder: TextEncoder, settings: String)
        throws -> (ids: [[Int32]], isFromCache: Bool)
    {
        guard let rows = corpus.handle as? CorpusRows else { return (encodeAll(corpus, with: encoder), false) }
        let fingerprint = encoderFingerprint(settings: settings, vocabulary: encoder.vocabulary)
        return try cache.encodings(for: rows, fingerprint: fingerprint) { encodeAll(corpus, with: encoder) }
    }
}
