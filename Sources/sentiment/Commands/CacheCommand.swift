import ArgumentParser
import Files
import Foundation
import Store

/// `sentiment cache stats|clear`: look at or empty the cache database.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the cache of datasets and predictions.",
        subcommands: [CacheStatsCommand.self, CacheClearCommand.self]
    )
}

struct CacheStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Rows per table, size on disk, and the cache hit rate of the last run."
    )

    @Option(name: .customLong("db"), help: CacheOptions.databaseHelp)
    var databasePath: String?

    func validate() throws {
        try CacheOptions.validate(databasePath: databasePath)
    }

    func run() throws {
        let path = databasePath ?? CacheDatabase.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            try StandardOutput.shared.write("database\t\(path)\nstatus\tnot created yet\n")
            return
        }
        // An empty file (`--db "$(mktemp)"`) is a cache to be: stats only reads, so it
        // stays empty rather than becoming a database here.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular, attributes[.size] as? Int == 0 {
            try StandardOutput.shared.write("database\t\(path)\nstatus\tempty file, not created yet\n")
            return
        }
        let statistics = try CacheDatabase(path: path).statistics()
        var lines = ["database\t\(path)", "size\t\(statistics.fileSize) bytes"]
        lines += statistics.rowCounts.map { "\($0.table)\t\($0.rows) rows" }
        if let run = statistics.lastRun {
            let rate = run.hitRate.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"
            lines.append("last run\t\(run.command), \(run.cacheHits) hits, \(run.cacheMisses) misses, hit rate \(rate)"
                + (run.finishedAt == nil ? " (unfinished)" : ""))
        }
        try StandardOutput.shared.write(lines.joined(separator: "\n") + "\n")
    }
}

struct CacheClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Delete cached predictions, datasets, or (by default) everything.",
        discussion: """
            Only a file that is recognizably a sentiment cache is touched (a SQLite file with \
            the cache's application id or tables); a damaged one is deleted and recreated on \
            next use. Anything else at the path is left alone unless --force is given.
            """
    )

    @Option(name: .customLong("db"), help: CacheOptions.databaseHelp)
    var databasePath: String?

    @Flag(help: "Delete only the cached predictions.")
    var predictions = false

    @Flag(help: "Delete only the imported datasets and their token ids.")
    var datasets = false

    @Flag(help: "Delete the file even when it is not recognizably a sentiment cache.")
    var force = false

    func validate() throws {
        try CacheOptions.validate(databasePath: databasePath)
    }

    func run() throws {
        let path = databasePath ?? CacheDatabase.defaultPath()
        let scope: CacheScope = predictions == datasets ? .all : (predictions ? .predictions : .datasets)
        switch CacheDatabase.identify(path) {
        case .missing:
            StandardError.writeLine("nothing to clear: \(path) does not exist")
            return
        case .other(let what) where FileKind(path: path) != .regularFile:
            throw UsageError(description: "\(path): \(what); nothing deleted")
        case .other(let what):
            guard force else {
                throw UsageError(description: "\(path): \(what), not recognizably a sentiment cache; "
                    + "nothing deleted (add --force to delete it anyway)")
            }
            guard scope == .all else {
                throw UsageError(description: "\(path): \(what); --force deletes the whole file, without --predictions or --datasets")
            }
            try CacheDatabase.removeFiles(at: path)
            StandardError.writeLine("deleted \(path) (\(what), deleted with --force)")
            return
        case .cache:
            break
        }
        let database: CacheDatabase
        do {
            database = try CacheDatabase(path: path)
        } catch StoreError.damagedCache, StoreError.notADatabase, StoreError.newerSchema {
            try removeUnusable(path, scope: scope, state: "not a usable cache database",
                               deleted: "it was not a usable cache database")
            return
        } catch let error as StoreError where error.isUnwritable {
            try removeOnAFullDisk(path, scope: scope, error: error)
            return
        }
        let deleted: Int
        do {
            deleted = try database.clear(scope)
        } catch let error as StoreError where error.isUnwritable {
            try removeOnAFullDisk(path, scope: scope, error: error)
            return
        } catch StoreError.damagedCache {
            // Damage inside the data shows only when the rows are read: the file opened.
            try removeUnusable(path, scope: scope, state: "the cache database is damaged",
                               deleted: "the cache database was damaged")
            return
        }
        let what = scope == .predictions ? "predictions" : (scope == .datasets ? "document rows" : "predictions and document rows")
        StandardError.writeLine("deleted \(deleted) \(what) from \(path)")
    }

    /// A file that cannot be cleared row by row is deleted whole, and only when asked to
    /// clear everything: `state` says why in the refusal, `deleted` in the report.
    private func removeUnusable(_ path: String, scope: CacheScope, state: String, deleted: String) throws {
        guard scope == .all else {
            throw UsageError(description: "\(path): \(state); run 'sentiment cache clear' without flags to delete it")
        }
        try CacheDatabase.removeFiles(at: path)
        StandardError.writeLine("deleted \(path) (\(deleted))")
    }

    /// Deleting rows writes to the WAL, which a full disk refuses; deleting the files
    /// needs no space. (A command still writing to them goes on without the cache.)
    private func removeOnAFullDisk(_ path: String, scope: CacheScope, error: StoreError) throws {
        guard scope == .all else {
            throw RuntimeError(description: "\(error); deleting only some rows needs free space, "
                + "while 'sentiment cache clear' without flags deletes the whole file")
        }
        try CacheDatabase.removeFiles(at: path)
        StandardError.writeLine("deleted \(path) (the disk is full, so the files went rather than their rows)")
    }
}
