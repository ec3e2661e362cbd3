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
        guard let handle = FileHandle(forReadingAtPath: path) else { return .other("an unreadable file") }
        let header = [UInt8](handle.readData(ofLength: 100))
        try? handle.close()
        if header.isEmpty { return .other("an empty file") }
        guard header.count == 100, header.prefix(16).elementsEqual(Array("SQLite format 3\0".utf8)) else {
            return .other("not a SQLite database")
        }
        let headerID = header[68..<72].reduce(Int32(0)) { $0 << 8 | Int32($1) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "sentiment.cache.identify"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (applicationID, tables) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")))
            }
            try queue.close()
            if applicationID == Self.applicationID || tables.isSuperset(of: Self.firstVersionTables) { return .cache }
            return .other("a SQLite database without the cache's tables")
        } catch {
            return headerID == Self.applicationID ? .cache : .other("a damaged SQLite database")
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
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let header = [UInt8](handle.readData(ofLength: 100))
        try? handle.close()
        func bigEndian(_ range: Range<Int>) -> Int32 { header[range].reduce(Int32(0)) { $0 << 8 | Int32($1) } }
        // A file of one page holds no table yet: a cache that has all it holds in its WAL
        // (it is opened, not closed, so it is seldom checkpointed) looks like this, and
        // telling it by a read-only connection would cost every start about 2 ms.
        guard header.count == 100, header.prefix(16).elementsEqual(Array("SQLite format 3\0".utf8)),
              bigEndian(68..<72) != Self.applicationID, bigEndian(28..<32) > 1 else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "sentiment.cache.identify"
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration),
              let (applicationID, tables) = try? queue.read({ db in
                  (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                   try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
              })
        else { return nil }
        try? queue.close()
        guard applicationID != Self.applicationID, !Set(tables).isSuperset(of: Self.firstVersionTables),
              !tables.isEmpty else { return nil }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
        return "table\(tables.count == 1 ? "" : "s") \(shown)"
    }
}
