import Foundation
import GRDB

/// A corpus file as imported into the cache.
public struct DatasetRecord: Equatable, Sendable {
    public var id: Int64
    /// SHA-256 (hex) of the source bytes: the identity of the dataset.
    public var contentHash: String
    public var sourcePath: String
    /// The corpus format the rows were read with (`tsv`, `csv`, …).
    public var format: String
    /// The label names, in class order.
    public var labels: [String]
    public var documentCount: Int
    /// Bad rows the import skipped.
    public var skippedRows: Int = 0
}

/// One labeled row of a dataset.
public struct DocumentRecord: Equatable, Sendable {
    /// `train`, `dev`, `test`: the role the file was imported for.
    public var split: String
    public var label: String
    public var text: String
    /// Where the row came from, for error messages: file and 1-based line.
    public var sourceFile: String
    public var sourceLine: Int

    public init(split: String, label: String, text: String, sourceFile: String, sourceLine: Int) {
        self.split = split
        self.label = label
        self.text = text
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
    }
}

/// Parsed corpora and their token ids, so a second `train` on the same file reads
/// neither the file's rows nor the tokenizer:
///
/// ```swift
/// let hash = try DatasetCache.contentHash(ofFile: path)
/// if let dataset = try cache.lookup(contentHash: hash) {
///     rows = try cache.documents(of: dataset)
///     ids = try cache.encodings(of: dataset, fingerprint: encoderFingerprint)  // nil → encode, then storeEncodings
/// } else {
///     rows = read the file …
///     let dataset = try cache.store(contentHash: hash, sourcePath: path, format: "tsv", labels: labels, documents: rows)
/// }
/// ```
public final class DatasetCache: @unchecked Sendable {
    public let database: CacheDatabase

    public init(database: CacheDatabase) {
        self.database = database
    }

    /// SHA-256 (hex) of a file's bytes, streamed: memory stays flat whatever the size.
    public static func contentHash(ofFile path: String) throws -> String {
        var hasher = SHA256()
        try hashFile(path, into: &hasher)
        return SHA256.hex(hasher.finalize())
    }

    /// SHA-256 (hex) of a folder corpus: for each of `documents` (paths relative to
    /// `folder`, in the order given) its relative path, a NUL byte, its length, a NUL byte
    /// and its bytes. Streams the bytes: memory stays flat whatever the size.
    public static func contentHash(ofDocuments documents: [String], in folder: String) throws -> String {
        var hasher = SHA256()
        for relative in documents {
            let full = (folder as NSString).appendingPathComponent(relative)
            var info = stat()
            guard stat(full, &info) == 0 else {
                throw DatasetCacheError.unreadable(path: full, reason: String(cString: strerror(errno)))
            }
            hasher.update(Array(relative.utf8) + [0])
            hasher.update(Array(String(info.st_size).utf8) + [0])
            try hashFile(full, into: &hasher)
        }
        return SHA256.hex(hasher.finalize())
    }

    private static func hashFile(_ path: String, into hasher: inout SHA256) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatasetCacheError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path)
                ? "cannot open" : "no such file or folder")
        }
        defer { try? handle.close() }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw DatasetCacheError.unreadable(path: path, reason: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { hasher.update($0.bindMemory(to: UInt8.self)) }
        }
    }

    /// The dataset imported from bytes with this hash, if any.
    public func lookup(contentHash: String) throws -> DatasetRecord? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, content_hash, source_path, format, labels, document_count, skipped_rows
                    FROM datasets WHERE content_hash = ?
                    """,
                arguments: [contentHash]
            ).map(Self.dataset(from:))
        }
    }

    /// The dataset's rows in source order.
    public func documents(of dataset: DatasetRecord) throws -> [DocumentRecord] {
        try database.read { db in
            var documents: [DocumentRecord] = []
            documents.reserveCapacity(dataset.documentCount)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT split, label, text, source_file, source_line FROM documents
                    WHERE dataset_id = ? ORDER BY position
                    """,
                arguments: [dataset.id])
            while let row = try rows.next() {
                documents.append(DocumentRecord(
                    split: row[0], label: row[1], text: row[2], sourceFile: row[3], sourceLine: row[4]))
            }
            return documents
        }
    }

    /// Imports a dataset in one transaction, replacing any earlier import of the same
    /// bytes (and its encodings).
    @discardableResult
    public func store(
        contentHash: String, sourcePath: String, format: String, labels: [String], documents: [DocumentRecord],
        skippedRows: Int = 0
    ) throws -> DatasetRecord {
        let labelsJSON = String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
        return try database.write { db in
            try db.execute(sql: "DELETE FROM datasets WHERE content_hash = ?", arguments: [contentHash])
            try db.execute(
                sql: """
                    INSERT INTO datasets (content_hash, source_path, format, labels, document_count, imported_at, skipped_rows)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [contentHash, sourcePath, format, labelsJSON, documents.count, Date().timeIntervalSince1970,
                            skippedRows])
            let datasetID = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: """
                INSERT INTO documents (dataset_id, position, split, label, text, source_file, source_line)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, document) in documents.enumerated() {
                try insert.execute(arguments: [
                    datasetID, position, document.split, document.label, document.text,
                    document.sourceFile, document.sourceLine,
                ])
            }
            return DatasetRecord(
                id: datasetID, contentHash: contentHash, sourcePath: sourcePath, format: format,
                labels: labels, documentCount: documents.count, skippedRows: skippedRows)
        }
    }

    /// The vocabulary (tokens and counts, in id order) built from a dataset under
    /// `settings` (tokenizer options and pruning), if stored.
    public func vocabulary(of dataset: DatasetRecord, settings: String) throws -> (tokens: [String], counts: [Int])? {
        try database.read { db in
            guard let text = try String.fetchOne(
                db, sql: "SELECT tokens FROM vocabularies WHERE dataset_id = ? AND settings = ?",
                arguments: [dataset.id, settings])
            else { return nil }
            var tokens: [String] = [], counts: [Int] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard let tab = line.lastIndex(of: "\t"), let count = Int(line[line.index(after: tab)...]) else { return nil }
                tokens.append(String(line[..<tab]))
                counts.append(count)
            }
            return (tokens, counts)
        }
    }

    /// Stores the vocabulary built from a dataset under `settings`. Tokens never hold a
    /// newline (the tokenizer splits on whitespace).
    public func storeVocabulary(tokens: [String], counts: [Int], of dataset: DatasetRecord, settings: String) throws {
        let text = zip(tokens, counts).map { "\($0)\t\($1)" }.joined(separator: "\n")
        try database.write { db in
            // Only while the dataset is still the one read: `cache clear` in another
            // process may have deleted it (or its id gone to another file) meanwhile.
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO vocabularies (dataset_id, settings, tokens)
                    SELECT id, ?, ? FROM datasets WHERE id = ? AND content_hash = ?
                    """,
                arguments: [settings, text, dataset.id, dataset.contentHash])
        }
    }

    /// The token ids of every document under `fingerprint` (a tokenizer+vocabulary
    /// identity), in source order; nil unless all of them were stored.
    public func encodings(of dataset: DatasetRecord, fingerprint: String) throws -> [[Int32]]? {
        try database.read { db in
            var encoded: [[Int32]] = []
            encoded.reserveCapacity(dataset.documentCount)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT e.ids FROM documents d
                    JOIN encodings e ON e.document_id = d.id AND e.fingerprint = ?
                    WHERE d.dataset_id = ? ORDER BY d.position
                    """,
                arguments: [fingerprint, dataset.id])
            while let row = try rows.next() {
                let blob: Data = row[0]
                encoded.append(Self.ids(from: blob))
            }
            return encoded.count == dataset.documentCount ? encoded : nil
        }
    }

    /// Stores the token ids of every document (in source order) under `fingerprint`,
    /// in one transaction.
    public func storeEncodings(_ encoded: [[Int32]], of dataset: DatasetRecord, fingerprint: String) throws {
        guard encoded.count == dataset.documentCount else {
            throw DatasetCacheError.countMismatch(
                contentHash: dataset.contentHash, expected: dataset.documentCount, found: encoded.count)
        }
        try database.write { db in
            // None once the dataset was cleared in the meantime (see `storeVocabulary`).
            let documentIDs = try Int64.fetchAll(
                db, sql: """
                    SELECT d.id FROM documents d JOIN datasets s ON s.id = d.dataset_id AND s.content_hash = ?
                    WHERE d.dataset_id = ? ORDER BY d.position
                    """,
                arguments: [dataset.contentHash, dataset.id])
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO encodings (document_id, fingerprint, ids) VALUES (?, ?, ?)
                """)
            for (documentID, ids) in zip(documentIDs, encoded) {
                try insert.execute(arguments: [documentID, fingerprint, Self.blob(ids)])
            }
        }
    }

    static func dataset(from row: Row) -> DatasetRecord {
        let labelsJSON: String = row[4]
        let labels = (try? JSONDecoder().decode([String].self, from: Data(labelsJSON.utf8))) ?? []
        return DatasetRecord(
            id: row[0], contentHash: row[1], sourcePath: row[2], format: row[3], labels: labels, documentCount: row[5],
            skippedRows: row[6])
    }

    /// Int32 values as little-endian bytes.
    static func blob(_ ids: [Int32]) -> Data {
        var data = Data(count: ids.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (i, id) in ids.enumerated() { raw.storeBytes(of: id.littleEndian, toByteOffset: 4 * i, as: Int32.self) }
        }
        return data
    }

    static func ids(from blob: Data) -> [Int32] {
        blob.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self)) }
        }
    }
}

/// Why a dataset could not be hashed or stored.
public enum DatasetCacheError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case countMismatch(contentHash: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason))"
        case let .countMismatch(hash, expected, found):
            return "dataset \(hash.prefix(12)): expected \(expected) encoded documents, found \(found)"
        }
    }
}
