import Foundation
import GRDB

/// What `sentiment cache stats` reports.
public struct CacheStatistics: Equatable, Sendable {
    /// Rows per table, in schema order.
    public var rowCounts: [(table: String, rows: Int)]
    /// Bytes on disk: the database file plus its WAL.
    public var fileSize: Int64
    public var lastRun: RunRecord?

    public static func == (a: CacheStatistics, b: CacheStatistics) -> Bool {
        a.rowCounts.map(\.table) == b.rowCounts.map(\.table) && a.rowCounts.map(\.rows) == b.rowCounts.map(\.rows)
            && a.fileSize == b.fileSize && a.lastRun == b.lastRun
    }
}

/// What `sentiment cache clear` removes.
public enum CacheScope: String, CaseIterable, Sendable {
    /// Cached predictions (and the models they belong to).
    case predictions
    /// Imported datasets, their documents and encodings.
    case datasets
    /// Everything, run history included.
    case all
}

extension CacheDatabase {
    static let tables = ["datasets", "documents", "encodings", "vocabularies", "models", "predictions", "runs"]

    public func statistics() throws -> CacheStatistics {
        let counts = try read { db in
            try Self.tables.map { table in (table, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0) }
        }
        var size: Int64 = 0
        for suffix in ["", "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            size += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return CacheStatistics(rowCounts: counts, fileSize: size, lastRun: try lastRun())
    }

    /// Deletes the rows in `scope` in one transaction, then gives the space back to
    /// the file system.
    /// - Returns: the number of rows deleted from the scope's main table.
    @discardableResult
    public func clear(_ scope: CacheScope) throws -> Int {
        let deleted = try write { db -> Int in
            var deleted = 0
            if scope == .predictions || scope == .all {
                deleted += try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions") ?? 0
                try db.execute(sql: "DELETE FROM predictions; DELETE FROM models")
            }
            if scope == .datasets || scope == .all {
                deleted += try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
                try db.execute(sql: "DELETE FROM encodings; DELETE FROM vocabularies; DELETE FROM documents; DELETE FROM datasets")
            }
            if scope == .all {
                try db.execute(sql: "DELETE FROM runs")
            }
            return deleted
        }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
            }
        } catch {
            // Another process is reading: the rows are gone; the space comes back later.
        }
        return deleted
    }
}
