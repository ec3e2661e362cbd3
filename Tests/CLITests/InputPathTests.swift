import Foundation
import XCTest

/// A path that names the wrong kind of file (a device, a FIFO) is one line naming it,
/// before any work, with status 2.
final class InputPathTests: CLITestCase {
    func testADeviceAsTheCacheDatabaseIsNamed() throws {
        let folder = try makeTemporaryDirectory()
        try "great\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let result = try run(["classify", "--db", "/dev/null", "a.txt"], currentDirectory: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "sentiment: /dev/null: cannot open the cache database "
            + "(it is a character device, not a database file); use --db PATH or --no-cache\n")
    }

    func testADeviceOrAFIFOAsTheModelIsNamed() throws {
        let folder = try makeTemporaryDirectory()
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("fifo").path, 0o644), 0)
        // (Model errors name the file as it was given, like every other input error.)
        for (model, kind) in [("/dev/null", "a character device"), ("fifo", "a FIFO")] {
            let result = try run(["predict", "--no-cache", "--model", model], stdin: "great\n", currentDirectory: folder)
            XCTAssertEqual(result.status, 2, model)
            XCTAssertEqual(result.stderr, "sentiment: \(model): cannot read model file: it is \(kind), not a model file\n")
        }
    }

    func testAMissingModelIsNamedAsGiven() throws {
        let folder = try makeTemporaryDirectory()
        let result = try run(["predict", "--no-cache", "--model", "models/none.safetensors"], stdin: "great\n", currentDirectory: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "sentiment: models/none.safetensors: cannot read model file: no such file\n")
    }

    func testEveryCorpusIsCheckedBeforeTheFirstIsRead() throws {
        let folder = try makeTemporaryDirectory()
        try writeOpinionCorpus(to: folder.appendingPathComponent("train.tsv"), rows: 40, seed: 4)
        let train = try run(["train", "--db", "cache.sqlite", "--train", "train.tsv", "--test", "missing.tsv", "-o", "m.safetensors"],
                            currentDirectory: folder)
        XCTAssertEqual(train.status, 2)
        XCTAssertEqual(train.stderr, "sentiment: missing.tsv: no such file\n")
        let stats = try run(["cache", "stats", "--db", "cache.sqlite"], currentDirectory: folder)
        XCTAssertTrue(stats.stdout.contains("datasets\t0 rows\n"), "the training file was not read: \(stats.stdout)")

        let vocab = try run(["vocab", "build", "train.tsv", "missing.tsv", "-o", "v.tsv"], currentDirectory: folder)
        XCTAssertEqual(vocab.status, 2)
        XCTAssertEqual(vocab.stderr, "sentiment: missing.tsv: no such file\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("v.tsv").path))
    }

    /// A pipe named by path (`/dev/stdin`, a shell's `<(…)`, a FIFO) is read once, by the
    /// reader: the check of a file's first bytes (UTF-16? binary?) is for regular files,
    /// since it would take a pipe's bytes away (and opening a FIFO blocks until a writer comes).
    func testAPipeNamedByPathIsReadOnce() throws {
        let folder = try makeTemporaryDirectory()
        let lines = try run(["classify", "--no-cache", "--lines", "/dev/stdin"], stdin: "a great film\nan awful film\n",
                            currentDirectory: folder)
        XCTAssertEqual(lines.status, 0, lines.stderr)
        let rows = lines.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        XCTAssertEqual(rows.map { $0[2] }, ["positive", "negative"], lines.stdout)
        let fifo = folder.appendingPathComponent("fifo.txt").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data("a wonderful story\n".utf8))
            try? handle.close()
        }
        writer.start()
        let document = try run(["classify", "--no-cache", "fifo.txt"], currentDirectory: folder)
        XCTAssertEqual(document.status, 0, document.stderr)
        let row = document.stdout.split(separator: "\n").dropFirst().first.map { $0.split(separator: "\t").map(String.init) }
        XCTAssertEqual(row?.first, "fifo.txt", document.stdout)
        XCTAssertEqual(row?.dropFirst().first, "positive", document.stdout)
    }
}
