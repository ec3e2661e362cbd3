import ArgumentParser
import Foundation
import Model
import Pipeline
import Store

/// `--db PATH` and `--no-cache`, shared by every command that works through the cache:
/// the root command, `classify`, `predict` and `eval` (predictions), `train`, `eval` and
/// `bench dataset` (datasets). `cache` has a `--db` of its own and no `--no-cache`.
struct CacheOptions: ParsableArguments {
    /// `--db`'s help, here and on the `cache` subcommands.
    static let databaseHelp = ArgumentHelp(
        "The cache database (default: $XDG_CACHE_HOME/sentiment/cache.sqlite, else ~/.cache/sentiment/cache.sqlite).",
        valueName: "path")

    @Option(name: .customLong("db"), help: databaseHelp)
    var databasePath: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the cache database.")
    var noCache = false

    func validate() throws {
        try Self.validate(databasePath: databasePath)
    }

    /// `--db ""` would open a private temporary database that SQLite cannot use in WAL mode.
    static func validate(databasePath: String?) throws {
        if databasePath?.isEmpty == true { throw ValidationError("--db needs a file path, not an empty string") }
    }

    /// The path in use: `--db`, else the default.
    var resolvedPath: String { databasePath ?? CacheDatabase.defaultPath() }

    /// The open database, or nil with `--no-cache`. It stays open until the process
    /// exits, which spares a short command the checkpoint on close (see
    /// `CacheDatabase.keepOpenUntilExit`).
    /// - Parameter fallback: a database that cannot be written (a full disk) is then no
    ///   error: nil after the warning.
    func open(fallback: CacheFallback? = nil) throws -> CacheDatabase? {
        guard !noCache else { return nil }
        let open = {
            let database = try CacheDatabase(path: resolvedPath)
            database.keepOpenUntilExit()
            return database
        }
        guard let fallback else { return try open() }
        return try fallback.attempt(open)
    }

    /// Where `train` (and `bench dataset`) get their rows, vocabulary and token ids: the
    /// dataset cache, or with `--no-cache` the files themselves. A full disk under the
    /// cache gives one warning, and the files are read as without it.
    func trainingData() throws -> TrainingDataSource {
        let fallback = CacheFallback()
        return try open(fallback: fallback).map {
            CachedTrainingData(cache: CorpusCache(database: $0, onUnwritable: fallback.warn))
        } ?? ReadingTrainingData()
    }
}

extension CacheOptions {
    /// The files no output may replace, existing or not: the default cache database and
    /// the one `databasePath` (`--db`) names, even with `--no-cache`, each with the files
    /// SQLite keeps beside it. A model or a table written over a cache breaks every later
    /// run that uses it, whether or not this run does.
    static func databaseFiles(besides databasePath: String? = nil) -> [String] {
        ([CacheDatabase.defaultPath()] + [databasePath].compactMap { $0 }).flatMap { database in
            CacheDatabase.companionSuffixes.map { database + $0 }
        }
    }
}
