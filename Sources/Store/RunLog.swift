import Foundation
import GRDB

/// One command run as recorded in the `runs` table.
public struct RunRecord: Equatable, Sendable {
    public var id: Int64
    public var command: String
    public var startedAt: Date
    /// nil while running, or when the process was killed.
    public var finishedAt: Date?
    public var config: String?
    public var metrics: String?
    public var cacheHits: Int
    public var cacheMisses: Int

    /// hits / (hits + misses), nil when nothing was looked up.
    public var hitRate: Double? {
        let total = cacheHits + cacheMisses
        return total == 0 ? nil : Double(cacheHits) / Double(total)
    }
}

extension CacheDatabase {
    /// How many past runs of `classify` or `predict` the `runs` table keeps.
    public static let keptRunsPerCommand = 1000

    /// Records the start of a command (`classify`, `predict`, `train`, …).
    /// - Parameter config: JSON describing the run (for `train`: its hyperparameters).
    /// - Returns: the run's id, for `finishRun` and `PredictionCache(runID:)`.
    /// - Parameter keeping: how many earlier runs of the same command to keep at most.
    public func beginRun(command: String, config: String? = nil, keeping: Int = keptRunsPerCommand) throws -> Int64 {
        try write { db in
            // Keep the history of cache-only commands bounded: a script that runs
            // `predict` once per line must not grow the table without end. Everything of
            // this command older than its `keeping` latest runs goes, whatever other
            // commands ran in between.
            try db.execute(
                sql: """
                    DELETE FROM runs WHERE command = ?1 AND id <= (
                        SELECT id FROM runs WHERE command = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)
                    """,
                arguments: [command, keeping])
            try db.execute(sql: "INSERT INTO runs (command, started_at, config) VALUES (?, ?, ?)",
                           arguments: [command, Date().timeIntervalSince1970, config])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run with its final metrics (JSON) and cache counters.
    public func finishRun(_ id: Int64, metrics: String? = nil, cacheHits: Int, cacheMisses: Int) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE runs SET finished_at = ?, metrics = coalesce(?, metrics), cache_hits = ?, cache_misses = ?
                    WHERE id = ?
                    """,
                arguments: [Date().timeIntervalSince1970, metrics, cacheHits, cacheMisses, id])
        }
    }

    /// Stores a run's metrics so far (e.g. after each epoch), without finishing it.
    public func updateRunMetrics(_ id: Int64, metrics: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET metrics = ? WHERE id = ?", arguments: [metrics, id])
        }
    }

    /// The most recent run that looked anything up in the cache, else the most recent run.
    public func lastRun() throws -> RunRecord? {
        try read { db in
            let columns = "id, command, started_at, finished_at, config, metrics, cache_hits, cache_misses"
            let row = try Row.fetchOne(
                db, sql: "SELECT \(columns) FROM runs WHERE cache_hits + cache_misses > 0 ORDER BY id DESC LIMIT 1")
                ?? Row.fetchOne(db, sql: "SELECT \(columns) FROM runs ORDER BY id DESC LIMIT 1")
            return row.map { row in
                RunRecord(
                    id: row[0], command: row[1], startedAt: Date(timeIntervalSince1970: row[2]),
                    finishedAt: (row[3] as Double?).map(Date.init(timeIntervalSince1970:)),
                    config: row[4], metrics: row[5], cacheHits: row[6], cacheMisses: row[7])
            }
        }
    }
}
