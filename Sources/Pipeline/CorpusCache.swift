import Corpus
import Foundation
import Model
import Store
import Vocabulary

/// A corpus as the trainer receives it: its rows, and where they came from.
public struct CorpusRows: Sendable {
    public var rows: [LabeledText]
    /// Bad rows skipped while reading (`skipBadRows`).
    public var skippedRows: Int
    /// Whether the rows came from the dataset cache instead of the file.
    public var isFromCache: Bool
    /// The cached dataset, nil without a cache (and for standard input or another stream).
    public var dataset: DatasetRecord?
}

/// The data side of `train` and `eval` through the dataset cache: a corpus file read
/// once is afterwards taken from SQLite by the SHA-256 of its bytes (and the read
/// options), with its vocabulary and token ids, so a second run neither parses nor
/// tokenizes.
///
/// ```swift
/// let cache = CorpusCache(database: try cacheOptions.open())         // nil database: no caching
/// let train = try cache.rows(path: trainPath, options: readOptions, split: "train")
/// let vocabulary = try cache.vocabulary(for: train, settings: "\(tokenizer.options) min=\(minCount) max=\(maxSize)") {
///     build the vocabulary from train.rows …
/// }
/// let encoder = TextEncoder(tokenizer: tokenizer, vocabulary: vocabulary.value, maxLength: maxLength)
/// let ids = try cache.encodings(for: train, fingerprint: encoderFingerprint(settings: settings, vocabulary: encoder.vocabulary)) {
///     encodeAll(train.rows, with: encoder)
/// }
/// ```
public final class CorpusCache {
    public let datasets: DatasetCache?
    /// See `init`; nil: an unwritable cache ends the run.
    private let unwritable: CacheWriteFailure?

    /// - Parameters:
    ///   - database: nil for `--no-cache`: every call reads and computes.
    ///   - onUnwritable: called once when the cache stops taking writes (a full disk);
    ///     what could not be stored is then computed and returned as without a cache.
    public init(database: CacheDatabase?, onUnwritable: ((StoreError) -> Void)? = nil) {
        datasets = database.map(DatasetCache.init(database:))
        unwritable = onUnwritable.map(CacheWriteFailure.init)
    }

    /// Runs a cache write, which an unwritable cache skips after the report (when asked).
    private func store(_ write: () throws -> Void) throws {
        do {
            try write()
        } catch let error as StoreError where error.isUnwritable && unwritable != nil {
            unwritable?.record(error)
        }
    }

    /// The rows of the corpus at `path`, from the cache when the same bytes were read
    /// with the same options before; else read with `CorpusReader` and stored.
    /// - Parameter split: the role of the file (`train`, `dev`, `test`), kept with the rows.
    public func rows(path: String, options: CorpusReadOptions, split: String) throws -> CorpusRows {
        var reader = CorpusReader(path: path, options: options)
        guard let datasets, !reader.isStream else {
            var rows: [LabeledText] = []
            let skipped = try reader.forEach { rows.append($0) }
            return CorpusRows(rows: rows, skippedRows: skipped, isFromCache: false, dataset: nil)
        }
        // What the reader would say of a missing file or a folder read as a table, said
        // before hashing, which would put it in other words.
        try reader.checkAccess()
        let format = try reader.resolvedFormat()
        // The rows depend on the bytes and on how they are read (the options, and the
        // reader's version): both make the key.
        let signature = "\(format.rawValue)|label=\(options.labelColumn ?? "")|text=\(options.textColumn ?? "")"
            + "|header=\(options.hasHeader.map { String($0) } ?? "auto")|skipBadRows=\(options.skipBadRows)"
            + "|reading=\(CorpusReader.readingVersion)"
        let bytesHash: String
        if format == .folders {
            // Listed once: the documents hashed are the documents read on a miss.
            let documents = try reader.folderDocuments()
            reader = reader.listing(documents)
            bytesHash = try DatasetCache.contentHash(ofDocuments: documents, in: path)
        } else {
            bytesHash = try DatasetCache.contentHash(ofFile: path)
        }
        let key = SHA256.hexDigest(Array((bytesHash + "|" + signature).utf8))
        if let dataset = try datasets.lookup(contentHash: key) {
            // The same bytes may have been read under another name (a copy, a rename, a
            // path relative to another folder): rows name the file as given this time.
            let rows = try datasets.documents(of: dataset).map {
                LabeledText(text: $0.text, label: $0.label, file: Self.renamed($0.sourceFile, from: dataset.sourcePath, to: path),
                            line: $0.sourceLine)
            }
            return CorpusRows(rows: rows, skippedRows: dataset.skippedRows, isFromCache: true, dataset: dataset)
        }
        var rows: [LabeledText] = []
        let skipped = try reader.forEach { rows.append($0) }
        let labels = LabelSet(inferringFrom: rows.map(\.label)).names
        var dataset: DatasetRecord?
        try store {
            dataset = try datasets.store(
                contentHash: key, sourcePath: path, format: format.rawValue, labels: labels,
                documents: rows.map {
                    DocumentRecord(split: split, label: $0.label, text: $0.text, sourceFile: $0.file, sourceLine: $0.line)
                },
                skippedRows: skipped)
        }
        return CorpusRows(rows: rows, skippedRows: skipped, isFromCache: false, dataset: dataset)
    }

    /// `file` (the corpus at `stored`, or a document below that folder) named from `path`.
    /// (A folder's documents are named without the slash that may end its path.)
    static func renamed(_ file: String, from stored: String, to path: String) -> String {
        func trimmed(_ folder: String) -> Substring {
            var folder = Substring(folder)
            while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
            return folder
        }
        let (old, new) = (trimmed(stored), trimmed(path))
        guard old != new, file.hasPrefix(old) else { return file }
        return String(new + file.dropFirst(old.count))
    }

    /// The vocabulary built from `corpus` under `settings` (a string naming everything
    /// the build depends on: tokenizer options, min count, max size), from the cache or
    /// by `build`, then stored.
    public func vocabulary(
        for corpus: CorpusRows, settings: String, build: () throws -> Vocabulary
    ) throws -> (value: Vocabulary, isFromCache: Bool) {
        if let datasets, let dataset = corpus.dataset,
           let stored = try datasets.vocabulary(of: dataset, settings: settings),
           let vocabulary = try? Vocabulary(validating: stored.tokens, counts: stored.counts, source: datasets.database.path) {
            return (vocabulary, true)
        }
        let vocabulary = try build()
        if let datasets, let dataset = corpus.dataset {
            try store {
                try datasets.storeVocabulary(tokens: vocabulary.tokens, counts: vocabulary.counts, of: dataset, settings: settings)
            }
        }
        return (vocabulary, false)
    }

    /// Token ids of every row, in row order: from the cache when stored under
    /// `fingerprint` (an identity of tokenizer, vocabulary and truncation — see
    /// `encoderFingerprint`), else encoded by `encodeAll` (every row, in row order) and
    /// stored.
    public func encodings(
        for corpus: CorpusRows, fingerprint: String, encodeAll: () -> [[Int32]]
    ) throws -> (ids: [[Int32]], isFromCache: Bool) {
        if let datasets, let dataset = corpus.dataset,
           let ids = try datasets.encodings(of: dataset, fingerprint: fingerprint) {
            return (ids, true)
        }
        let ids = encodeAll()
        if let datasets, let dataset = corpus.dataset {
            try store { try datasets.storeEncodings(ids, of: dataset, fingerprint: fingerprint) }
        }
        return (ids, false)
    }
}

/// An identity of an encoder: SHA-256 over its settings (as the caller describes them,
/// e.g. the tokenizer options and max length) and every vocabulary token in id order.
public func encoderFingerprint(settings: String, vocabulary: Vocabulary) -> String {
    var hasher = SHA256()
    hasher.update(Array(settings.utf8) + [0])
    for token in vocabulary.tokens { hasher.update(Array(token.utf8) + [0x0A]) }
    return SHA256.hex(hasher.finalize())
}
