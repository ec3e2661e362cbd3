import Foundation
import XCTest

final class VocabCommandTests: CLITestCase {
    /// Plain lower-case words, so the expected tokens do not depend on tokenizer details.
    private let corpus = "label\ttext\npositive\tgood film good cast\nnegative\tbad film\npositive\tgood fun\n"

    func testBuildWritesVocabularyToStandardOutput() throws {
        let folder = try makeTemporaryDirectory()
        let path = folder.appendingPathComponent("train.tsv")
        try Data(corpus.utf8).write(to: path)
        let result = try run(["vocab", "build", path.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "<pad>\t0\n<unk>\t0\ngood\t3\nfilm\t2\nbad\t1\ncast\t1\nfun\t1\n")
        XCTAssertEqual(result.stderr, "vocab: 3 rows from 1 corpus, 8 tokens, 5 distinct → 7 ids\n")
    }

    func testBuildToFileIsByteForByteRepeatable() throws {
        let folder = try makeTemporaryDirectory()
        let path = folder.appendingPathComponent("train.tsv")
        try Data(corpus.utf8).write(to: path)
        let first = folder.appendingPathComponent("vocab/a.tsv"), second = folder.appendingPathComponent("vocab/b.tsv")
        for output in [first, second] {
            let result = try run(["vocab", "build", path.path, "-o", output.path, "--min-count", "2"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(String(decoding: try Data(contentsOf: first), as: UTF8.self), "<pad>\t0\n<unk>\t3\ngood\t3\nfilm\t2\n")
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
    }

    func testMaxSizeAndStandardInput() throws {
        let result = try run(["vocab", "build", "-", "--max-size", "3"], stdin: corpus)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "<pad>\t0\n<unk>\t5\ngood\t3\n")
        // train's name for the same limit reads the same here.
        let trainName = try run(["vocab", "build", "-", "--max-vocab", "3"], stdin: corpus)
        XCTAssertEqual(trainName.status, 0, trainName.stderr)
        XCTAssertEqual(trainName.stdout, result.stdout)
    }

    func testBadRowStopsWithUsageStatusUnlessSkipped() throws {
        let input = corpus + "just text\n"
        let stopped = try run(["vocab", "build", "-"], stdin: input)
        XCTAssertEqual(stopped.status, 2)
        XCTAssertEqual(stopped.stdout, "")
        XCTAssertEqual(stopped.stderr, "sentiment: <stdin>:5: no label: expected 2 columns, found 1\n")
        let skipped = try run(["vocab", "build", "-", "--skip-bad-rows"], stdin: input)
        XCTAssertEqual(skipped.status, 0)
        XCTAssertEqual(skipped.stdout, "<pad>\t0\n<unk>\t0\ngood\t3\nfilm\t2\nbad\t1\ncast\t1\nfun\t1\n")
        XCTAssertEqual(skipped.stderr, "sentiment: warning: skipped <stdin>:5: no label: expected 2 columns, found 1\n"
            + "vocab: 3 rows from 1 corpus, 8 tokens, 5 distinct → 7 ids (skipped 1 bad row)\n")
    }

    func testMissingFileAndBadFlags() throws {
        let missing = try run(["vocab", "build", "no-such-corpus.tsv"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "sentiment: no-such-corpus.tsv: no such file\n")
        let small = try run(["vocab", "build", "x.tsv", "--max-size", "1"])
        XCTAssertEqual(small.status, 2)
        XCTAssertTrue(small.stderr.hasPrefix("sentiment: --max-vocab must be at least 3 (<pad>, <unk> and one token), not 1"), small.stderr)
        let trainSmall = try run(["train", "--train", "x.tsv", "--max-vocab", "2", "-o", "m.safetensors"])
        XCTAssertEqual(trainSmall.status, 2)
        XCTAssertEqual(trainSmall.usageMessage, "sentiment: --max-vocab must be at least 3 (<pad>, <unk> and one token), not 2")
        let format = try run(["vocab", "build", "x.tsv", "--format", "xml"])
        XCTAssertEqual(format.status, 2)
        XCTAssertTrue(format.stderr.hasPrefix("sentiment: The value 'xml' is invalid for '--format <format>'. Please provide one of the following:"),
                      format.stderr)
    }

    func testUsageShowsDefaults() throws {
        let help = try run(["vocab", "build", "--help"])
        XCTAssertEqual(help.status, 0)
        for line in ["--min-count <n>", "(default: 1)", "(default: no limit)", "default: auto)", "(default: standard", "--skip-bad-rows", "--ptb"] {
            XCTAssertTrue(help.stdout.contains(line), "help lacks \(line)")
        }
    }
}
