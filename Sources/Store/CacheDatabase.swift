import Files
import Foundation
import GRDB

/// The one SQLite file that caches datasets, token ids and predictions.
///
/// WAL journal (readers never block the writer; a killed process leaves the last
/// committed transaction intact), a busy timeout (two processes writing at once wait
/// for each other instead of failing with "database is locked"), foreign keys, and
/// versioned migrations run on open.
public final class CacheDatabase: @unchecked Sendable {
    /// The database file.
    public let path: String
    /// One serialized connection: the commands are single-writer, and a queue opens
    /// faster than a pool (cold start matters for `predict`).
    let queue: DatabaseQueue

    /// How long a write waits for another process's transaction before failing.
    public static let busyTimeout: TimeInterval = 30

    /// `$XDG_CACHE_HOME/sentiment/cache.sqlite`, else `~/.cache/sentiment/cache.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".cache")
        }
        return ((base as NSString).appendingPathComponent("sentiment") as NSString)
            .appendingPathComponent("cache.sqlite")
    }

    /// Opens (creating if needed) the database at `path` and migrates it to the
    /// current schema.
    /// - Throws: `StoreError.notADatabase` for a file that is not SQLite or is corrupt,
    ///   `.cannotOpen` when the file or its folder cannot be created, `.newerSchema` for a
    ///   file migrated by a newer version.
    public init(path: String) throws {
        self.path = path
        // SQLite reads "" as a private temporary database; the user meant a file.
        guard !path.isEmpty else { throw StoreError.cannotOpen(path: path, reason: "the path is empty") }
        // "-" reads as standard input or output everywhere else on the command line; a
        // database cannot live there, and SQLite would make a file named "-".
        guard path != "-" else {
            throw StoreError.cannotOpen(path: path, reason: "'-' means standard input or output, which cannot hold a database")
        }
        // SQLite would open "cache/" as the file "cache".
        guard !path.hasSuffix("/") else {
            throw StoreError.cannotOpen(path: path, reason: "the path ends in '/', so it names a folder, not a database file")
        }
        let folder = OutputTarget.folder(of: path)
        if folder != "." {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                let code = posixCode(of: error)
                if code == EACCES || code == EPERM || code == EROFS || (error as NSError).code == NSFileWriteNoPermissionError {
                    throw StoreError.unwritable(path: path, reason: "cannot create folder \(folder): permission denied")
                }
                // Foundation's error does not always carry the errno (a read-only file
                // system came back as a bare "cannot create"), so ask the nearest folder
                // that exists whether it may be written, as every output is checked.
                do {
                    _ = try OutputTarget(checking: path, creatingFolders: true)
                } catch let refused as OutputFileError {
                    if case .notWritable(let reason) = refused.problem {
                        throw StoreError.unwritable(path: path, reason: "cannot create folder \(folder): \(reason)")
                    }
                }
                throw StoreError.cannotOpen(path: path, reason: "cannot create folder \(folder)")
            }
        }
        // Only a regular file can hold the database and its WAL beside it; SQLite would
        // answer "disk I/O error" for /dev/null and block on a FIFO.
        let isNew = FileKind(path: path) == .missing
        switch FileKind(path: path) {
        case .missing, .regularFile: break
        case .inaccessible(let reason): throw StoreError.cannotOpen(path: path, reason: reason)
        case let kind: throw StoreError.cannotOpen(path: path, reason: "it is \(kind), not a database file")
        }
        if !isNew, let tables = Self.foreignTables(at: path) {
            throw StoreError.notADatabase(path: path, reason: "another application's database: \(tables)")
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "sentiment.cache"
        configuration.prepareDatabase { db in
            // NORMAL is durable across process crashes in WAL mode (only a power loss can
            // drop the last transactions), and avoids an fsync per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try Self.openRetryingWhileBusy(deadline: Date() + Self.busyTimeout) {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try CacheSchema.migrate(queue, path: path)
                return queue
            }
        } catch {
            // A new file that a full disk kept from being set up is left empty: remove it
            // rather than leave an empty file that is not recognizably a cache.
            var wrapped = StoreError.wrapping(error, path: path)
            // SQLite says only "unable to open database file" for a new file in a folder it
            // may not write to.
            if isNew, case StoreError.cannotOpen = wrapped, access(folder, W_OK) != 0 {
                wrapped = StoreError.unwritable(path: path, reason: "the folder \(folder) is not writable")
            }
            var info = stat()
            if isNew, (wrapped as? StoreError)?.isUnwritable == true, stat(path, &info) == 0, info.st_size == 0 {
                try? Self.removeFiles(at: path)
            }
            throw wrapped
        }
    }

    /// Runs `open` again while SQLite answers BUSY, until `deadline`.
    ///
    /// The busy timeout covers reads and writes, but not every step of opening: switching
    /// a new file to WAL takes an exclusive lock, and SQLite may answer BUSY at once
    /// (without calling the busy handler) when another process is opening the same new
    /// file. Opening is idempotent (the migration re-reads the version under the write
    /// lock), so trying again is safe.
    private static func openRetryingWhileBusy(
        deadline: Date, _ open: () throws -> DatabaseQueue
    ) throws -> DatabaseQueue {
        var pause: useconds_t = 1_000
        while true {
            do {
                return try open()
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline
            {
                usleep(pause)
                pause = min(pause * 2, 50_000)
            }
        }
    }

    /// Runs `body` in an IMMEDIATE write transaction, mapping SQLite errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Runs `body` in a read transaction, mapping SQLite errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Connections that stay open until the process exits (see `keepOpenUntilExit`).
    private static let lingering = LingeringConnections()

    /// Leaves this connection open when the process exits instead of closing it.
    ///
    /// Closing the last connection makes SQLite checkpoint the WAL into the database and
    /// delete it: two fsyncs, and the next process must create (and fsync) a new WAL —
    /// about 10 ms for a one-line `predict`. Left open, the WAL stays; the next process
    /// rebuilds its index from it, as it would after a crash, which WAL mode is built
    /// for. Committed transactions are in the WAL either way, so no data is at risk.
    public func keepOpenUntilExit() {
        Self.lingering.append(queue)
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's findings.
    public func integrityCheck() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The schema version: the names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        let version = try read(CacheSchema.version)
        return CacheSchema.migrations.prefix(version).map(\.name)
    }

    /// The database file and SQLite's companions beside it in WAL mode: "", "-wal", "-shm".
    public static let companionSuffixes = ["", "-wal", "-shm"]

    /// Deletes the database file and its WAL and shared-memory companions: the way out
    /// when the file is not a database at all.
    public static func removeFiles(at path: String) throws {
        for suffix in companionSuffixes {
            let file = path + suffix
            guard FileManager.default.fileExists(atPath: file) else { continue }
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                throw StoreError.cannotOpen(path: file, reason: "cannot delete: \(error.localizedDescription)")
            }
        }
    }
}

/// Strong references that are never released.
private final class LingeringConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [DatabaseQueue] = []

    func append(_ connection: DatabaseQueue) {
        lock.lock()
        connections.append(connection)
        lock.unlock()
    }
}
