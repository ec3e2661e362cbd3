import Foundation
import GRDB
import Store
import XCTest

final class CacheCommandTests: CLITestCase {
    func testStatsOfANewDatabaseListEveryTable() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        _ = try CacheDatabase(path: db)
        let result = try run(["cache", "stats", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "database\t\(db)")
        XCTAssertEqual(Array(lines.dropFirst(2)), [
            "datasets\t0 rows", "documents\t0 rows", "encodings\t0 rows", "vocabularies\t0 rows",
            "models\t0 rows", "predictions\t0 rows", "runs\t0 rows",
        ])
    }

    /// Stats only reads: an empty file (`--db "$(mktemp)"`) used to become a database.
    func testStatsLeavesAnEmptyFileEmpty() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("empty.sqlite").path
        _ = FileManager.default.createFile(atPath: db, contents: Data())
        let result = try run(["cache", "stats", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "database\t\(db)\nstatus\tempty file, not created yet\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)).count, 0)
    }

    func testAFileThatIsNotACacheIsNamedAndClearLeavesItUnlessForced() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("notes.txt").path
        let notes = String(repeating: "my notes, not a database\n", count: 300)
        try notes.write(toFile: db, atomically: true, encoding: .utf8)
        let stats = try run(["cache", "stats", "--db", db])
        XCTAssertEqual(stats.status, 2)
        XCTAssertEqual(stats.stdout, "")
        XCTAssertEqual(stats.stderr, "sentiment: \(db): not a usable SQLite database (file is not a database); "
            + "use --db PATH for another file or --no-cache to run without the cache\n")

        let clear = try run(["cache", "clear", "--db", db])
        XCTAssertEqual(clear.status, 2)
        XCTAssertEqual(clear.stderr, "sentiment: \(db): not a SQLite database, not recognizably a sentiment cache; "
            + "nothing deleted (add --force to delete it anyway)\n")
        XCTAssertEqual(try String(contentsOfFile: db, encoding: .utf8), notes)
        let partial = try run(["cache", "clear", "--predictions", "--force", "--db", db])
        XCTAssertEqual(partial.status, 2)
        XCTAssertEqual(partial.stderr, "sentiment: \(db): not a SQLite database; --force deletes the whole file, "
            + "without --predictions or --datasets\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: db))

        let forced = try run(["cache", "clear", "--force", "--db", db])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.stderr, "deleted \(db) (not a SQLite database, deleted with --force)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
    }

    func testAnotherSQLiteDatabaseOrAFolderIsNotCleared() throws {
        let folder = try makeTemporaryDirectory()
        let db = folder.appendingPathComponent("app.sqlite").path
        try DatabaseQueue(path: db).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep')") }
        let clear = try run(["cache", "clear", "--db", db])
        XCTAssertEqual(clear.status, 2)
        XCTAssertEqual(clear.stderr, "sentiment: \(db): a SQLite database without the cache's tables, not recognizably a "
            + "sentiment cache; nothing deleted (add --force to delete it anyway)\n")
        XCTAssertEqual(try DatabaseQueue(path: db).read { try String.fetchOne($0, sql: "SELECT text FROM notes") }, "keep")

        let intoFolder = try run(["cache", "clear", "--force", "--db", folder.path])
        XCTAssertEqual(intoFolder.status, 2)
        XCTAssertEqual(intoFolder.stderr, "sentiment: \(folder.path): a folder, not a database file; nothing deleted\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: db))
    }

    /// Writes `bytes` over the file at `path` from `offset` on (damage for the tests).
    private func overwrite(_ path: String, at offset: Int, with bytes: Data) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        handle.seek(toFileOffset: UInt64(offset))
        handle.write(bytes)
        try handle.close()
    }

    func testADamagedCacheIsNamedAndClearDeletesIt() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        XCTAssertEqual(try run(["bench", "cache", "--db", db, "--rows", "30", "--batch", "10"]).status, 0)
        // Garbage over the schema page, past the 100-byte header (which keeps its id).
        try overwrite(db, at: 100, with: Data(repeating: 0xFF, count: 900))
        let stats = try run(["cache", "stats", "--db", db])
        XCTAssertEqual(stats.status, 2)
        XCTAssertEqual(stats.stderr, "sentiment: \(db): the cache database is damaged (database disk image is malformed); "
            + "use --db PATH for another file, --no-cache to run without the cache, "
            + "or 'sentiment cache clear' to start a fresh one\n")
        let clear = try run(["cache", "clear", "--db", db])
        XCTAssertEqual(clear.status, 0, clear.stderr)
        XCTAssertEqual(clear.stderr, "deleted \(db) (it was not a usable cache database)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
    }

    /// Damage inside the rows (the schema page sound) lets the file open and shows when
    /// they are read: clear, as the error message says, deletes the file then too.
    func testACacheDamagedInItsRowsIsDeletedByClear() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        XCTAssertEqual(try run(["bench", "cache", "--db", db, "--rows", "3000", "--batch", "500"]).status, 0)
        XCTAssertEqual(try run(["cache", "stats", "--db", db]).status, 0)  // checkpoints the WAL into the file
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        XCTAssertGreaterThan(size, 200_000)
        try overwrite(db, at: size / 2, with: Data(repeating: 0x55, count: 40_960))
        let clearPredictions = try run(["cache", "clear", "--predictions", "--db", db])
        XCTAssertEqual(clearPredictions.status, 2)
        XCTAssertEqual(clearPredictions.stderr, "sentiment: \(db): the cache database is damaged; "
            + "run 'sentiment cache clear' without flags to delete it\n")
        let clear = try run(["cache", "clear", "--db", db])
        XCTAssertEqual(clear.status, 0, clear.stderr)
        XCTAssertEqual(clear.stderr, "deleted \(db) (the cache database was damaged)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
    }

    /// The root's options written before a group's subcommand go after it, as they do
    /// for any other subcommand; and no output may replace the cache's WAL, which can
    /// hold all of its rows.
    func testRootOptionsBeforeCacheStatsAndTheWALIsNoOutput() throws {
        let folder = try makeTemporaryDirectory()
        try "a good film\n".write(to: folder.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["--db", "c.sqlite", "classify", "in.txt"], currentDirectory: folder).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.sqlite-wal").path))
        let onWAL = try run(["classify", "--db", "c.sqlite", "in.txt", "-o", "c.sqlite-wal"], currentDirectory: folder)
        XCTAssertEqual(onWAL.status, 2)
        XCTAssertEqual(onWAL.stderr, "sentiment: c.sqlite-wal: is the cache database; write the output to another file\n")
        let stats = try run(["--db", "c.sqlite", "cache", "stats"], currentDirectory: folder)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.hasPrefix("database\tc.sqlite\n"), stats.stdout)
        XCTAssertTrue(stats.stdout.contains("predictions\t1 rows\n"), stats.stdout)
    }

    /// No command writes its output over a cache database: not over one `--db` names
    /// before it exists (the result would be taken for the database, or its WAL replayed
    /// over the result), nor over the default one from a command that never opens it (a
    /// model written there broke every later `sentiment TEXT`).
    func testNoOutputReplacesACacheDatabaseEvenOneNotYetMade() throws {
        let folder = try makeTemporaryDirectory()
        try "a good film\n".write(to: folder.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let new = try run(["classify", "--model", "m.safetensors", "--db", "new.sqlite", "in.txt", "-o", "new.sqlite"],
                          currentDirectory: folder)
        XCTAssertEqual(new.status, 2)
        XCTAssertEqual(new.stderr, "sentiment: new.sqlite: is the cache database; write the output to another file\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.sqlite").path))

        let home = folder.appendingPathComponent("home")
        let database = home.appendingPathComponent("sentiment/cache.sqlite").path
        let environment = ["XDG_CACHE_HOME": home.path]
        XCTAssertEqual(try run(["--model", "m.safetensors", "a good film"], environment: environment, currentDirectory: folder).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let commands: [[String]] = [
            ["explain", "--model", "m.safetensors", "-o", database, "good"],
            ["average", "-o", database, "m.safetensors", "m.safetensors"],
            ["synth", "temporal-order", "--length", "10", "--count", "4", "--seed", "1", "-o", database + "-wal"],
        ]
        for arguments in commands {
            let result = try run(arguments, environment: environment, currentDirectory: folder)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(": is the cache database"), "\(arguments): \(result.stderr)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
        let stats = try run(["cache", "stats"], environment: environment, currentDirectory: folder)
        XCTAssertEqual(stats.status, 0, stats.stderr)
    }

    func testClearPredictionsOnly() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        XCTAssertEqual(try run(["bench", "cache", "--db", db, "--rows", "30", "--batch", "10"]).status, 0)
        let clear = try run(["cache", "clear", "--predictions", "--db", db])
        XCTAssertEqual(clear.stderr, "deleted 30 predictions from \(db)\n")
        XCTAssertEqual(try CacheDatabase(path: db).statistics().rowCounts.first { $0.table == "predictions" }?.rows, 0)
    }

    func testTwoProcessesWritingAtOnceBothFinish() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        let group = DispatchGroup()
        let results = Results()
        for writer in 0..<2 {
            DispatchQueue.global().async(group: group) {
                let result = try? self.run(["bench", "cache", "--db", db, "--rows", "3000", "--batch", "20",
                                            "--writer", "w\(writer)"])
                results.append(result)
            }
        }
        group.wait()
        XCTAssertEqual(results.all.count, 2)
        for result in results.all {
            XCTAssertEqual(result?.status, 0, result?.stderr ?? "did not run")
        }
        let database = try CacheDatabase(path: db)
        XCTAssertEqual(try database.integrityCheck(), ["ok"])
        XCTAssertEqual(try database.statistics().rowCounts.first { $0.table == "predictions" }?.rows, 6000)
    }

    func testAWriterKilledMidWriteLeavesAConsistentDatabase() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        // Let it commit a few transactions, then kill it in the middle of the next ones.
        let writer = try launch(["bench", "cache", "--db", db, "--rows", "100000000", "--batch", "250"],
                                waitingForStderr: "committed 5000\n")
        _ = writer.stop(with: SIGKILL)
        XCTAssertEqual(writer.process.terminationReason, .uncaughtSignal)

        let database = try CacheDatabase(path: db)
        XCTAssertEqual(try database.integrityCheck(), ["ok"])
        let rows = try XCTUnwrap(database.statistics().rowCounts.first { $0.table == "predictions" }?.rows)
        // Whole transactions only: a multiple of the batch, at least the ones reported.
        XCTAssertGreaterThanOrEqual(rows, 5000)
        XCTAssertEqual(rows % 250, 0)
        // And the database still takes writes.
        XCTAssertEqual(try run(["bench", "cache", "--db", db, "--rows", "10", "--writer", "after"]).status, 0)
    }
}

/// Results collected from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [CommandResult?] = []
    func append(_ item: CommandResult?) { lock.lock(); items.append(item); lock.unlock() }
    var all: [CommandResult?] { lock.lock(); defer { lock.unlock() }; return items }
}
