import Foundation
import GRDB

/// A model's output for one text, as cached.
public struct CachedPrediction: Equatable, Sendable {
    /// The most probable label.
    public var label: String
    /// One probability per class, in the model's class order.
    public var probabilities: [Float]

    public init(label: String, probabilities: [Float]) {
        self.label = label
        self.probabilities = probabilities
    }
}

/// Predictions of one model, keyed by (model fingerprint, `TextKey`): a text classified
/// before by the same model file is answered without running the model.
///
/// Lookups and writes take whole chunks: one SELECT per chunk, one transaction per
/// chunk of writes. Safe to call from two threads (the runner looks up chunk n+1 while
/// it writes chunk n); the connection serializes them.
///
/// The model is found by its fingerprint in every statement, never by a `models` id kept
/// from the start: `cache clear` in another process may delete the row while this one
/// runs (a kept id would then fail the foreign key, or, once another model took the
/// reused id, answer with that model's predictions). A write registers the model again.
public final class PredictionCache: @unchecked Sendable {
    public let database: CacheDatabase
    public let modelFingerprint: String
    /// The labels as recorded in `models` (JSON array).
    private let labelsJSON: String
    /// The `runs` row whose hit and miss counters this cache keeps current, if any.
    public let runID: Int64?

    private let lock = NSLock()
    private var hitCount = 0
    private var missCount = 0

    /// Keys looked up per statement: well under SQLite's limit on bound parameters.
    static let lookupChunk = 500

    /// Registers the model (by fingerprint and labels) in the database.
    /// - Parameter runID: a run from `CacheDatabase.beginRun`, whose counters each
    ///   `store` updates in the same transaction, so `cache stats` is current even for
    ///   a `predict` that is still running.
    public init(database: CacheDatabase, modelFingerprint: String, labels: [String], runID: Int64? = nil) throws {
        self.database = database
        self.modelFingerprint = modelFingerprint
        self.runID = runID
        labelsJSON = String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
        try database.write { db in _ = try registerModel(db) }
    }

    /// Inserts the `models` row of this fingerprint unless it is there; returns its id.
    private func registerModel(_ db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO models (fingerprint, labels) VALUES (?, ?) ON CONFLICT (fingerprint) DO NOTHING",
            arguments: [modelFingerprint, labelsJSON])
        return try Int64.fetchOne(db, sql: "SELECT id FROM models WHERE fingerprint = ?", arguments: [modelFingerprint]) ?? 0
    }

    /// The labels recorded for a model fingerprint, if the cache has seen that model.
    public static func labels(ofModel fingerprint: String, in database: CacheDatabase) throws -> [String]? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT labels FROM models WHERE fingerprint = ?", arguments: [fingerprint])
        }.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    /// Hits and misses counted by `lookup` so far.
    public var counters: (hits: Int, misses: Int) {
        lock.lock(); defer { lock.unlock() }
        return (hitCount, missCount)
    }

    /// The cached predictions of `keys`, in the same order (nil for a miss).
    /// - Complexity: one indexed SELECT per 500 keys.
    public func lookup(_ keys: [TextKey]) throws -> [CachedPrediction?] {
        guard !keys.isEmpty else { return [] }
        var found: [Data: CachedPrediction] = [:]
        try database.read { db in
            for start in stride(from: 0, to: keys.count, by: Self.lookupChunk) {
                let slice = keys[start..<min(start + Self.lookupChunk, keys.count)]
                let placeholders = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var arguments: [(any DatabaseValueConvertible)?] = [modelFingerprint]
                arguments.append(contentsOf: slice.map { $0.digest })
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT text_hash, label, probabilities FROM predictions
                        WHERE model_id = (SELECT id FROM models WHERE fingerprint = ?) AND text_hash IN (\(placeholders))
                        """,
                    arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    let hash: Data = row[0]
                    found[hash] = CachedPrediction(label: row[1], probabilities: Self.floats(from: row[2]))
                }
            }
        }
        let results = keys.map { found[$0.digest] }
        let hits = results.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        lock.lock()
        hitCount += hits
        missCount += keys.count - hits
        lock.unlock()
        return results
    }

    /// Writes `entries` in one transaction (replacing any entry with the same key), and
    /// the run's counters with them.
    public func store(_ entries: [(key: TextKey, prediction: CachedPrediction)]) throws {
        let (hits, misses) = counters
        try database.write { db in
            let modelID = try registerModel(db)
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO predictions (model_id, text_hash, label, probabilities)
                VALUES (?, ?, ?, ?)
                """)
            for entry in entries {
                try insert.execute(arguments: [
                    modelID, entry.key.digest, entry.prediction.label, Self.blob(entry.prediction.probabilities),
                ])
            }
            if let runID {
                try db.execute(sql: "UPDATE runs SET cache_hits = ?, cache_misses = ? WHERE id = ?",
                               arguments: [hits, misses, runID])
            }
        }
    }

    /// Float32 values as little-endian bytes.
    static func blob(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func floats(from blob: Data) -> [Float] {
        let bytes = [UInt8](blob)
        return stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).map { i in
            let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            return Float(bitPattern: bits)
        }
    }
}
