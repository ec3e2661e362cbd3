import Files
import Foundation
import GRDB

/// What a file at a cache path is: `cache clear` deletes only what is recognizably ours,
/// so that `--db notes.txt` given by mistake never costs the user their notes.
public enum CacheFileIdentity: Equatable, Sendable {
    case missing
    /// A SQLite file with the cache's application id, or with the cache's tables.
    case cache
    /// Anything else, described for a message ("not a SQLite database", …).
    case other(String)
}

extension CacheDatabase {
    /// `PRAGMA application_id` of the cache files: "SNTM".
    static let applicationID: Int32 = 0x534E_544D
    /// The tables of the first schema version, all of which a cache file holds.
    static let firstVersionTables: Set<String> = ["datasets", "documents", "encodings", "models", "predictions", "runs"]

    /// Whether `path` is recognizably a sentiment cache, without changing it.
    ///
    /// The 100-byte SQLite header comes first (magic string, application id at offset
    /// 68); then a read-only connection reads the application id and the table names
    /// (they may sit in the WAL, not yet in the file). A file too damaged to open counts
    /// as ours only by the application id in its header.
    public static func identify(_ path: String) -> CacheFileIdentity {
        switch FileKind(path: path) {
        case .missing: return .missing
        case .regularFile: break
        case let kind: return .other("\(kind), not a database file")
        }
        guard let header = SQLiteHeader(path: path) else { return .other("an unreadable file") }
        if header.bytes.isEmpty { return .other("an empty file") }
        guard header.isSQLite else { return .other("not a SQLite database") }
        do {
            let catalog = try Catalog(path: path)
            if catalog.isCache { return .cache }
            return .other("a SQLite database without the cache's tables")
        } catch {
            return header.applicationID == Self.applicationID ? .cache : .other("a damaged SQLite database")
        }
    }

    /// What another application's SQLite database at `path` holds ("tables accounts,
    /// users"), or nil when opening it as the cache is safe: no file, an empty one, one
    /// that is not SQLite (opening fails and says so, changing nothing), a cache (by the
    /// application id in its header, else by its tables), or a SQLite database of one
    /// page (no table in the file itself; another application's database whose tables
    /// are all still in its WAL is the case this lets through). Opening sets WAL mode and
    /// migrates, which would change a foreign file for good, so this runs first.
    static func foreignTables(at path: String) -> String? {
        // A file of one page holds no table yet: a cache that has all it holds in its WAL
        // (it is opened, not closed, so it is seldom checkpointed) looks like this, and
        // telling it by a read-only connection would cost every start about 2 ms.
        guard let header = SQLiteHeader(path: path), header.isSQLite, header.applicationID != Self.applicationID,
              header.pageCount > 1, let catalog = try? Catalog(path: path), !catalog.isCache, !catalog.tables.isEmpty
        else { return nil }
        let tables = catalog.tables
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
        return "table\(tables.count == 1 ? "" : "s") \(shown)"
    }

    /// The first 100 bytes of a file, read as SQLite's database header.
    private struct SQLiteHeader {
        let bytes: [UInt8]

        /// nil when the file cannot be opened for reading.
        init?(path: String) {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            bytes = [UInt8](handle.readData(ofLength: 100))
            try? handle.close()
        }

        var isSQLite: Bool { bytes.count == 100 && bytes.prefix(16).elementsEqual(Array("SQLite format 3\0".utf8)) }
        var applicationID: Int32 { bigEndian(68..<72) }
        /// The database's size in pages, as the header records it.
        var pageCount: Int32 { bigEndian(28..<32) }

        private func bigEndian(_ range: Range<Int>) -> Int32 { bytes[range].reduce(Int32(0)) { $0 << 8 | Int32($1) } }
    }

    /// The application id and table names, read through a read-only connection (so the
    /// WAL's pages count too).
    private struct Catalog {
        let applicationID: Int32
        /// In name order.
        let tables: [String]

        init(path: String) throws {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "sentiment.cache.identify"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (applicationID, tables) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
            }
            try queue.close()
        }

        /// Ours by the application id, or by the tables of the first schema version (a
        /// cache migrated before the id was set).
        var isCache: Bool {
            applicationID == CacheDatabase.applicationID || Set(tables).isSuperset(of: CacheDatabase.firstVersionTables)
        }
    }
}
