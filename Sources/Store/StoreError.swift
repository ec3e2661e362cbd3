import GRDB

/// Why the cache database could not be used. Every case names the database file and
/// says what the user can do about it.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file exists but is not a SQLite database, or SQLite found it corrupt, and it
    /// is not recognizably a cache (`CacheDatabase.identify`): perhaps the wrong `--db`.
    case notADatabase(path: String, reason: String)
    /// A cache file (by its application id or tables) that SQLite found corrupt.
    case damagedCache(path: String, reason: String)
    /// The file or its folder cannot be created, opened or written.
    case cannotOpen(path: String, reason: String)
    /// The file was migrated by a newer `sentiment` whose schema this one does not know.
    case newerSchema(path: String)
    /// The cache cannot take writes: the disk is full, the file or its folder is read-only,
    /// another process holds the lock past the busy timeout, or the file was deleted while
    /// in use (`cache clear` on a full disk). Reads may still work; a command that
    /// classifies goes on without the cache.
    case unwritable(path: String, reason: String)
    /// Any other SQLite failure, with the statement's message.
    case sqlite(path: String, reason: String)

    /// What to try next, shared by the cases a user can fix.
    static let hint = "use --db PATH for another file, --no-cache to run without the cache, "
        + "or 'sentiment cache clear' to start a fresh one"

    public var description: String {
        switch self {
        case let .notADatabase(path, reason):
            // No `cache clear` here: the file may be the user's own, given as --db by mistake.
            return "\(path): not a usable SQLite database (\(reason)); use --db PATH for another file "
                + "or --no-cache to run without the cache"
        case let .damagedCache(path, reason):
            return "\(path): the cache database is damaged (\(reason)); \(Self.hint)"
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the cache database (\(reason)); use --db PATH or --no-cache"
        case let .newerSchema(path):
            return "\(path): the cache was written by a newer sentiment; \(Self.hint)"
        case let .unwritable(path, reason):
            return "\(path): the cache cannot take writes (\(reason))"
        case let .sqlite(path, reason):
            return "\(path): \(reason)"
        }
    }

    /// Whether the user can fix this by choosing another path or clearing the cache.
    public var isUserFixable: Bool {
        switch self {
        case .notADatabase, .damagedCache, .cannotOpen, .newerSchema: return true
        case .sqlite, .unwritable: return false
        }
    }

    /// Whether the cache can no longer be written (see `unwritable`).
    public var isUnwritable: Bool {
        if case .unwritable = self { return true }
        return false
    }

    /// Maps a GRDB error to the case the user understands.
    static func wrapping(_ error: Error, path: String) -> Error {
        guard let databaseError = error as? DatabaseError else { return error }
        let reason = databaseError.message ?? "\(databaseError.resultCode)"
        if databaseError.extendedResultCode == .SQLITE_READONLY_DBMOVED {
            return StoreError.unwritable(path: path, reason: "the file was deleted while in use")
        }
        switch databaseError.resultCode {
        case .SQLITE_FULL, .SQLITE_READONLY:
            // A full disk, or a read-only file, folder or file system: the cache only saves
            // work, so a command that classifies goes on without it.
            return StoreError.unwritable(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.unwritable(path: path, reason: "locked by another process for \(Int(CacheDatabase.busyTimeout)) s")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return CacheDatabase.identify(path) == .cache
                ? StoreError.damagedCache(path: path, reason: reason)
                : StoreError.notADatabase(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError.cannotOpen(path: path, reason: reason)
        default:
            return StoreError.sqlite(path: path, reason: reason)
        }
    }
}
