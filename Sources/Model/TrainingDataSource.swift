import Corpus
import Foundation
import Vocabulary

/// A corpus file as a training run sees it: its rows in file order, and a value the
/// data source keeps with it (such as a cache record) to answer later questions.
public struct TrainingCorpus: @unchecked Sendable {
    /// The path the rows were read from (`-` for standard input).
    public var path: String
    public var rows: [LabeledText]
    /// Whether the rows came from a cache rather than from parsing the file.
    public var isFromCache: Bool
    /// The source's own handle on the corpus (opaque to the trainer).
    public var handle: Any?
    /// The rows' texts as the run's tokenizer read them to count the vocabulary, if it
    /// did: encoding then reads the tokens instead of tokenizing again.
    public var tokenized: TokenizedCorpus?

    public init(path: String, rows: [LabeledText], isFromCache: Bool = false, handle: Any? = nil) {
        self.path = path
        self.rows = rows
        self.isFromCache = isFromCache
        self.handle = handle
    }
}

/// Where the data side of `train` comes from: the rows of a corpus, the vocabulary
/// built from them, and the token ids of every row. `ReadingTrainingData` reads and
/// tokenizes each time; the Pipeline module's `CachedTrainingData` answers a second run
/// on the same file from the dataset cache. Both must give exactly the same values, so
/// the trained model does not depend on which one served it.
public protocol TrainingDataSource {
    /// The labeled rows of the corpus at `path`.
    /// - Parameter role: what the file is for in this run (`train`, `dev`, `test`).
    func corpus(path: String, options: CorpusReadOptions, role: String) throws -> TrainingCorpus

    /// The vocabulary `build` makes from (some of) `corpus`'s rows.
    /// - Parameter settings: names everything the build depends on besides the corpus
    ///   bytes (tokenizer options, min count, max size, which rows): a cache key.
    func vocabulary(of corpus: TrainingCorpus, settings: String, build: () throws -> Vocabulary)
        throws -> (vocabulary: Vocabulary, isFromCache: Bool)

    /// The token ids of every row of `corpus`, in row order, as `encoder` encodes them.
    /// - Parameter settings: names what the encoding depends on besides the vocabulary
    ///   (tokenizer options, max length): with the vocabulary, a cache key.
    func encodings(of corpus: TrainingCorpus, encoder: TextEncoder, settings: String)
        throws -> (ids: [[Int32]], isFromCache: Bool)
}

/// The data side without a cache: parse the file, build, encode on every core.
public struct ReadingTrainingData: TrainingDataSource {
    public init() {}

    public func corpus(path: String, options: CorpusReadOptions, role: String) throws -> TrainingCorpus {
        TrainingCorpus(path: path, rows: try CorpusReader(path: path, options: options).readAll())
    }

    public func vocabulary(of corpus: TrainingCorpus, settings: String, build: () throws -> Vocabulary)
        throws -> (vocabulary: Vocabulary, isFromCache: Bool)
    {
        (try build(), false)
    }

    public func encodings(of corpus: TrainingCorpus, encoder: TextEncoder, settings: String)
        throws -> (ids: [[Int32]], isFromCache: Bool)
    {
        (encodeAll(corpus, with: encoder), false)
    }
}

/// The token ids of every row of `corpus` as `encoder` encodes them: from the tokens
/// read for the vocabulary when the corpus has them, else tokenizing each row.
public func encodeAll(_ corpus: TrainingCorpus, with encoder: TextEncoder) -> [[Int32]] {
    corpus.tokenized.map(encoder.encode) ?? encodeAll(corpus.rows, with: encoder)
}
