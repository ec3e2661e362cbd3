import Foundation
import XCTest

final class ClassifyCommandTests: CLITestCase {
    /// A folder with a model answering (0.25, 0.75) for every text and a few inputs.
    func makeWorkspace() throws -> URL {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "good film\n".write(to: docs.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "\n".write(to: docs.appendingPathComponent("sub/b.txt"), atomically: true, encoding: .utf8)
        try "not a .txt\n".write(to: docs.appendingPathComponent("c.md"), atomically: true, encoding: .utf8)
        try "hidden\n".write(to: docs.appendingPathComponent(".hidden.txt"), atomically: true, encoding: .utf8)
        let reviews = Data("good\n\n".utf8) + Data([0xFF]) + Data(" bad\r\nlast".utf8)
        try reviews.write(to: folder.appendingPathComponent("reviews.txt"))
        return folder
    }

    func classify(_ arguments: [String], in folder: URL, stdin: String = "") throws -> CommandResult {
        try run(["classify", "--model", "m.safetensors", "--db", "cache.sqlite"] + arguments,
                stdin: stdin, currentDirectory: folder)
    }

    func testAFolderGivesOneRowPerTextFileWithAHeader() throws {
        let folder = try makeWorkspace()
        let result = try classify(["docs"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            path\tlabel\tconfidence\tnegative\tpositive
            docs/a.txt\tpositive\t0.7500\t0.2500\t0.7500
            docs/sub/b.txt\t\t\t\t

            """)
        XCTAssertTrue(result.stderr.hasPrefix("classified 2 documents in 2 files ("), result.stderr)
        XCTAssertTrue(result.stderr.contains(" files/s): "), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("): negative 0, positive 1, blank 1; cache hits 0\n"), result.stderr)
    }

    /// A folder given through a symbolic link is listed as the folder is, with the link's
    /// name in the paths; it used to list no files ("no files matching '*.txt'", exit 2).
    func testAFolderGivenThroughALinkIsListed() throws {
        let folder = try makeWorkspace()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path,
                                                   withDestinationPath: "docs")
        for argument in ["linked", "linked/"] {
            let result = try classify([argument], in: folder)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").first ?? "" },
                           ["linked/a.txt", "linked/sub/b.txt"], argument)
        }
    }

    func testGlobChoosesTheFilesInFolders() throws {
        let folder = try makeWorkspace()
        let result = try classify(["--glob", "*.md", "docs"], in: folder)
        XCTAssertEqual(result.stdout, "path\tlabel\tconfidence\tnegative\tpositive\ndocs/c.md\tpositive\t0.7500\t0.2500\t0.7500\n")
    }

    func testLinesInTSVKeepBlankAndInvalidLinesAligned() throws {
        let folder = try makeWorkspace()
        let result = try classify(["--lines", "reviews.txt"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            path\tline\tlabel\tconfidence\tnegative\tpositive
            reviews.txt\t1\tpositive\t0.7500\t0.2500\t0.7500
            reviews.txt\t2\t\t\t\t
            reviews.txt\t3\tpositive\t0.7500\t0.2500\t0.7500
            reviews.txt\t4\tpositive\t0.7500\t0.2500\t0.7500

            """)
        XCTAssertTrue(result.stderr.hasSuffix("): negative 0, positive 3, blank 1; cache hits 0\n"), result.stderr)
    }

    func testLinesInCSV() throws {
        let folder = try makeWorkspace()
        let result = try classify(["--lines", "--format", "csv", "reviews.txt"], in: folder)
        XCTAssertEqual(result.stdout, """
            path,line,label,confidence,negative,positive
            reviews.txt,1,positive,0.7500,0.2500,0.7500
            reviews.txt,2,,,,
            reviews.txt,3,positive,0.7500,0.2500,0.7500
            reviews.txt,4,positive,0.7500,0.2500,0.7500

            """)
    }

    func testLinesInJSONL() throws {
        let folder = try makeWorkspace()
        let result = try classify(["--lines", "--format", "jsonl", "reviews.txt"], in: folder)
        let hit = #""label":"positive","confidence":0.7500,"probabilities":{"negative":0.2500,"positive":0.7500}}"#
        XCTAssertEqual(result.stdout, """
            {"path":"reviews.txt","line":1,\(hit)
            {"path":"reviews.txt","line":2,"label":null,"confidence":null,"probabilities":null}
            {"path":"reviews.txt","line":3,\(hit)
            {"path":"reviews.txt","line":4,\(hit)

            """)
    }

    func testDashReadsStandardInputAndOutputGoesToTheFile() throws {
        let folder = try makeWorkspace()
        let result = try classify(["--lines", "-o", "out.tsv", "-"], in: folder, stdin: "good\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("classified 1 line in 1 file ("), result.stderr)
        // With lines the rate is lines per second; files per second would say nothing.
        XCTAssertTrue(result.stderr.contains(" lines/s): "), result.stderr)
        XCTAssertFalse(result.stderr.contains("files/s"), result.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("out.tsv"), encoding: .utf8),
                       "path\tline\tlabel\tconfidence\tnegative\tpositive\n-\t1\tpositive\t0.7500\t0.2500\t0.7500\n")
    }

    func testASecondRunIsAnsweredFromTheCache() throws {
        let folder = try makeWorkspace()
        XCTAssertEqual(try classify(["--lines", "reviews.txt"], in: folder).status, 0)
        let second = try classify(["--lines", "reviews.txt"], in: folder)
        XCTAssertTrue(second.stderr.hasSuffix("; cache hits 3\n"), second.stderr)
        let stats = try run(["cache", "stats", "--db", "cache.sqlite"], currentDirectory: folder)
        XCTAssertTrue(stats.stdout.contains("predictions\t3 rows\n"), stats.stdout)
        XCTAssertTrue(stats.stdout.hasSuffix("last run\tclassify, 3 hits, 0 misses, hit rate 100.0%\n"), stats.stdout)
    }

    func testAMissingPathIsAUsageError() throws {
        let folder = try makeWorkspace()
        let result = try classify(["nope.txt"], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: nope.txt: cannot read (no such file or folder)\n")
    }

    func testUTF16AndBinaryFilesStopTheRunBeforeTheFirstResult() throws {
        let folder = try makeWorkspace()
        let withMark = Data([0xFF, 0xFE]) + "good film\n".data(using: .utf16LittleEndian)!
        try withMark.write(to: folder.appendingPathComponent("windows.txt"))
        try "good film\n".data(using: .utf16LittleEndian)!.write(to: folder.appendingPathComponent("nomark.txt"))
        let hint = "UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)"
        for name in ["windows.txt", "nomark.txt"] {
            for unit in [[], ["--lines"]] {
                let result = try classify(unit + [name], in: folder)
                XCTAssertEqual(result.status, 2, name)
                XCTAssertEqual(result.stdout, "", name)
                XCTAssertEqual(result.stderr, "sentiment: \(name): \(hint)\n")
            }
        }
        // Standard input is checked as it is read.
        for unit in ["", "--lines"] {
            let result = try runShell("sentiment classify --model m.safetensors --no-cache \(unit) - < windows.txt", in: folder)
            XCTAssertEqual(result.status, 2)
            XCTAssertEqual(result.stderr, "sentiment: <stdin>: \(hint)\n")
        }
        // A binary file found in a folder stops the run too, naming it, and leaves -o as it was.
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]).write(to: folder.appendingPathComponent("docs/sub/tool.txt"))
        try "earlier results\n".write(to: folder.appendingPathComponent("out.tsv"), atomically: true, encoding: .utf8)
        let result = try classify(["docs", "-o", "out.tsv"], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: docs/sub/tool.txt: binary file (NUL bytes); expected UTF-8 text\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("out.tsv"), encoding: .utf8), "earlier results\n")
    }

    func testACorruptDatabaseIsAUsageErrorWithAHint() throws {
        let folder = try makeWorkspace()
        try String(repeating: "garbage ", count: 200).write(
            to: folder.appendingPathComponent("cache.sqlite"), atomically: true, encoding: .utf8)
        let result = try classify(["docs"], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("sentiment: cache.sqlite: not a usable SQLite database"), result.stderr)
        XCTAssertEqual(try classify(["--no-cache", "docs"], in: folder).status, 0)
    }

    func testBrokenPipeEndsQuietly() throws {
        let folder = try makeWorkspace()
        try String(repeating: "good\n", count: 50_000).write(
            to: folder.appendingPathComponent("big.txt"), atomically: true, encoding: .utf8)
        let result = try runShell("""
            set -o pipefail; "$0" classify --no-cache --model m.safetensors --lines big.txt | head -1; \
            echo "status=${PIPESTATUS[0]}"
            """, arguments: [sentimentExecutable.path], in: folder)
        XCTAssertEqual(result.stdout, "path\tline\tlabel\tconfidence\tnegative\tpositive\nstatus=0\n")
        XCTAssertEqual(result.stderr, "")
    }

    /// `--text-column` reads TSV, CSV and JSONL files as tables: one document per row, its
    /// line in the output; the column by header name or 1-based position. A blank cell is
    /// a blank document, which shows that the chosen column is the one read.
    func testTextColumnClassifiesOneColumnOfEachRow() throws {
        let folder = try makeWorkspace()
        try "label\ttext\tnote\npositive\tgood film\t \nnegative\t \tfine\n"
            .write(to: folder.appendingPathComponent("t.tsv"), atomically: true, encoding: .utf8)
        let byName = try classify(["--text-column", "TEXT", "t.tsv"], in: folder)
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertEqual(byName.stdout, """
            path\tline\tlabel\tconfidence\tnegative\tpositive
            t.tsv\t2\tpositive\t0.7500\t0.2500\t0.7500
            t.tsv\t3\t\t\t\t

            """)
        XCTAssertTrue(byName.stderr.hasPrefix("classified 2 rows in 1 file ("), byName.stderr)
        let byPosition = try classify(["--text-column", "3", "t.tsv"], in: folder)
        XCTAssertEqual(byPosition.status, 0, byPosition.stderr)
        XCTAssertEqual(byPosition.stdout, """
            path\tline\tlabel\tconfidence\tnegative\tpositive
            t.tsv\t2\t\t\t\t
            t.tsv\t3\tpositive\t0.7500\t0.2500\t0.7500

            """)

        try "{\"review\": \"great\", \"stars\": 5}\n\n{\"review\": \"\"}\n"
            .write(to: folder.appendingPathComponent("r.jsonl"), atomically: true, encoding: .utf8)
        let jsonl = try classify(["--text-column", "review", "r.jsonl"], in: folder)
        XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
        XCTAssertEqual(jsonl.stdout, """
            path\tline\tlabel\tconfidence\tnegative\tpositive
            r.jsonl\t1\tpositive\t0.7500\t0.2500\t0.7500
            r.jsonl\t3\t\t\t\t

            """)
    }

    func testTextColumnStopsAtABadRowAfterWritingTheRowsBeforeIt() throws {
        let folder = try makeWorkspace()
        try "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"body\": \"three\"}\n{\"text\": \"four\"}\n"
            .write(to: folder.appendingPathComponent("r.jsonl"), atomically: true, encoding: .utf8)
        let result = try classify(["--text-column", "text", "r.jsonl"], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 3, result.stdout)
        XCTAssertEqual(result.stderr, "sentiment: r.jsonl:3: no text: no \"text\" key\n")
    }

    func testTextColumnRefusesFilesThatAreNotTablesAndExcludesLines() throws {
        let folder = try makeWorkspace()
        let text = try classify(["--text-column", "text", "docs/a.txt"], in: folder)
        XCTAssertEqual(text.status, 2)
        XCTAssertTrue(text.stderr.hasSuffix("docs/a.txt: --text-column reads TSV, CSV or JSONL files, and this is not one\n"), text.stderr)
        let both = try classify(["--text-column", "text", "--lines", "docs/a.txt"], in: folder)
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("--lines and --text-column exclude each other"), both.stderr)
    }
}
