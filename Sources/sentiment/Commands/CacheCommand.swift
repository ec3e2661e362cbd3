import ArgumentParser
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

    @Option(name: .customLong("db"), help: ArgumentHelp("The cache database (default: the standard location).", valueName: "path"))
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
        discussion: "A file that is not a usable database is deleted and recreated on next use."
    )

    @Option(name: .customLong("db"), help: ArgumentHelp("The cache database (default: the standard location).", valueName: "path"))
    var databasePath: String?

    @Flag(help: "Delete only the cached predictions.")
    var predictions = false

    @Flag(help: "Delete only the imported datasets and their token ids.")
    var datasets = false

    func validate() throws {
        try CacheOptions.validate(databasePath: databasePath)
    }

    func run() throws {
        let path = databasePath ?? CacheDatabase.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            StandardError.writeLine("nothing to clear: \(path) does not exist")
            return
        }
        let scope: CacheScope = predictions == datasets ? .all : (predictions ? .predictions : .datasets)
        let database: CacheDatabase
        do {
            database = try CacheDatabase(path: path)
        } catch StoreError.notADatabase, StoreError.newerSchema {
            guard scope == .all else {
                throw UsageError(description: "\(path): not a usable cache database; run 'sentiment cache clear' without flags to delete it")
            }
            try CacheDatabase.removeFiles(at: path)
            StandardError.writeLine("deleted \(path) (it was not a usable cache database)")
            return
        }
        let deleted = try database.clear(scope)
        let what = scope == .predictions ? "predictions" : (scope == .datasets ? "document rows" : "predictions and document rows")
        StandardError.writeLine("deleted \(deleted) \(what) from \(path)")
    }
}
