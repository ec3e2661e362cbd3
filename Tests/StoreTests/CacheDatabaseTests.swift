import Foundation
import GRDB
import XCTest
@testable import Store

final class CacheDatabaseTests: StoreTestCase {
    func testMigratesANewFileToTheCurrentSchema() throws {
        let path = try makeDatabasePath()
        let database = try CacheDatabase(path: path)
        XCTAssertEqual(try database.appliedMigrations(), ["v1", "v2"])
        XCTAssertEqual(try database.statistics().rowCounts.map(\.table),
                       ["datasets", "documents", "encodings", "vocabularies", "models", "predictions", "runs"])
        XCTAssertEqual(try database.integrityCheck(), ["ok"])
        let journal = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(journal, "wal")
        let foreignKeys = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        XCTAssertEqual(foreignKeys, 1)
    }

    func testMigratesAnEmptyExistingFile() throws {
        let path = try makeDatabasePath()
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        XCTAssertEqual(try CacheDatabase(path: path).appliedMigrations(), ["v1", "v2"])
        // Reopening finds the schema current and keeps the data.
        let database = try CacheDatabase(path: path)
        _ = try database.beginRun(command: "test")
        XCTAssertEqual(try CacheDatabase(path: path).statistics().rowCounts.last?.rows, 1)
    }

    func testUpgradesAVersion1FileKeepingItsData() throws {
        let path = try makeDatabasePath()
        let old = try DatabaseQueue(path: path)
        try CacheSchema.migrate(old, path: path, upTo: 1)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO datasets (content_hash, source_path, format, labels, document_count, imported_at)
                VALUES ('h', 'd.tsv', 'tsv', '["0","1"]', 0, 0)
                """)
        }
        try old.close()
        let database = try CacheDatabase(path: path)
        XCTAssertEqual(try database.appliedMigrations(), ["v1", "v2"])
        let dataset = try XCTUnwrap(DatasetCache(database: database).lookup(contentHash: "h"))
        XCTAssertEqual([dataset.sourcePath, dataset.labels.joined(separator: ",")], ["d.tsv", "0,1"])
        XCTAssertEqual(dataset.skippedRows, 0)
    }

    func testCreatesMissingFolders() throws {
        let path = try makeDatabasePath()
        let nested = (path as NSString).deletingLastPathComponent + "/a/b/cache.sqlite"
        _ = try CacheDatabase(path: nested)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested))
    }

    func testAFileThatIsNotSQLiteGivesAClearError() throws {
        let path = try makeDatabasePath()
        try String(repeating: "this is a text file, not a database\n", count: 100).write(
            toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CacheDatabase(path: path)) { error in
            guard case .notADatabase(let errorPath, _)? = error as? StoreError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual(
                String(describing: error),
                "\(path): not a usable SQLite database (file is not a database); use --db PATH for another file "
                    + "or --no-cache to run without the cache")
        }
        // The way out: remove the files, then the path opens as a new cache.
        try CacheDatabase.removeFiles(at: path)
        XCTAssertEqual(try CacheDatabase(path: path).appliedMigrations(), ["v1", "v2"])
    }

    func testAFileFromANewerVersionIsRefused() throws {
        let path = try makeDatabasePath()
        _ = try CacheDatabase(path: path)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try CacheDatabase(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: path))
        }
    }

    func testAFolderAtThePathGivesAClearError() throws {
        let path = try makeDatabasePath()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        XCTAssertThrowsError(try CacheDatabase(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .cannotOpen(path: path, reason: "it is a folder, not a database file"))
        }
    }

    func testADeviceAFIFOOrAnEmptyPathGivesAClearError() throws {
        XCTAssertThrowsError(try CacheDatabase(path: "/dev/null")) { error in
            XCTAssertEqual("\(error)", "/dev/null: cannot open the cache database (it is a character device, not a database file); "
                + "use --db PATH or --no-cache")
        }
        let fifo = try makeDatabasePath()
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try CacheDatabase(path: fifo)) { error in
            XCTAssertEqual(error as? StoreError, .cannotOpen(path: fifo, reason: "it is a FIFO, not a database file"))
        }
        XCTAssertThrowsError(try CacheDatabase(path: "")) { error in
            XCTAssertEqual(error as? StoreError, .cannotOpen(path: "", reason: "the path is empty"))
        }
    }

    func testDefaultPathFollowsXDGCacheHome() {
        XCTAssertEqual(CacheDatabase.defaultPath(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]),
                       "/x/cache/sentiment/cache.sqlite")
        XCTAssertEqual(CacheDatabase.defaultPath(environment: ["HOME": "/home/u"]),
                       "/home/u/.cache/sentiment/cache.sqlite")
        // The XDG spec ignores relative paths.
        XCTAssertEqual(CacheDatabase.defaultPath(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/home/u"]),
                       "/home/u/.cache/sentiment/cache.sqlite")
    }

    func testConnectionsOpeningANewFileAtOnceAllSucceed() throws {
        for _ in 0..<5 {
            let path = try makeDatabasePath()
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let migrations = try CacheDatabase(path: path).appliedMigrations()
                    XCTAssertEqual(migrations, ["v1", "v2"])
                } catch {
                    failures.append("\(error)")
                }
            }
            XCTAssertEqual(failures.all, [])
        }
    }

    func testIdentifyRecognizesOnlyCacheFiles() throws {
        let path = try makeDatabasePath()
        XCTAssertEqual(CacheDatabase.identify(path), .missing)
        _ = try CacheDatabase(path: path)
        XCTAssertEqual(CacheDatabase.identify(path), .cache)
        // A cache migrated before the application id was set is known by its tables.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA application_id = 0") }
        XCTAssertEqual(CacheDatabase.identify(path), .cache)

        let other = (path as NSString).deletingLastPathComponent + "/other.sqlite"
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE predictions (x)") }
        XCTAssertEqual(CacheDatabase.identify(other), .other("a SQLite database without the cache's tables"))
        let empty = (path as NSString).deletingLastPathComponent + "/empty"
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertEqual(CacheDatabase.identify(empty), .other("an empty file"))
        XCTAssertEqual(CacheDatabase.identify("/dev/null"), .other("a character device, not a database file"))
    }

    /// Opening sets WAL mode and migrates; on another application's database that would
    /// change its file for good, so it is refused first and left byte for byte as it was.
    /// A SQLite file with no tables yet, and a cache known only by its tables, still open.
    func testAnotherApplicationsDatabaseIsRefusedAndLeftAsItWas() throws {
        let path = try makeDatabasePath()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE accounts (id INTEGER); CREATE TABLE predictions (x)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CacheDatabase(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(
                path: path, reason: "another application's database: tables accounts, predictions"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))

        let blank = (path as NSString).deletingLastPathComponent + "/blank.sqlite"
        try DatabaseQueue(path: blank).write { try $0.execute(sql: "PRAGMA user_version = 0") }
        XCTAssertEqual(try CacheDatabase(path: blank).appliedMigrations(), ["v1", "v2"])
        let old = (path as NSString).deletingLastPathComponent + "/old.sqlite"
        _ = try CacheDatabase(path: old)
        try DatabaseQueue(path: old).write { try $0.execute(sql: "PRAGMA application_id = 0") }
        XCTAssertEqual(try CacheDatabase(path: old).appliedMigrations(), ["v1", "v2"])
    }

    /// A read-only file or a lock held past the busy timeout is a cache that cannot take
    /// writes (a command that classifies goes on without it), not a user error.
    func testReadOnlyAndLockedAreUnwritable() {
        for code in [ResultCode.SQLITE_READONLY, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL] {
            let error = StoreError.wrapping(DatabaseError(resultCode: code), path: "c.sqlite") as? StoreError
            XCTAssertEqual(error?.isUnwritable, true, "\(code)")
        }
        let busy = StoreError.wrapping(DatabaseError(resultCode: .SQLITE_BUSY), path: "c.sqlite") as? StoreError
        XCTAssertEqual(busy, .unwritable(path: "c.sqlite", reason: "locked by another process for 30 s"))
    }

    func testTwoConnectionsWritingAtOnceBothFinish() throws {
        let path = try makeDatabasePath()
        _ = try CacheDatabase(path: path)
        let group = DispatchGroup()
        let failures = Failures()
        for writer in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do {
                    // Each writer has its own connection, as two processes would.
                    let database = try CacheDatabase(path: path)
                    let cache = try PredictionCache(database: database, modelFingerprint: "m", labels: ["n", "p"])
                    for batch in 0..<40 {
                        let entries = (0..<25).map { i in
                            (key: TextKey(text: "w\(writer) b\(batch) i\(i)"),
                             prediction: CachedPrediction(label: "p", probabilities: [0.25, 0.75]))
                        }
                        try cache.store(entries)
                    }
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        group.wait()
        XCTAssertEqual(failures.all, [])
        let counts = try CacheDatabase(path: path).statistics().rowCounts
        XCTAssertEqual(counts.first { $0.table == "predictions" }?.rows, 2 * 40 * 25)
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
