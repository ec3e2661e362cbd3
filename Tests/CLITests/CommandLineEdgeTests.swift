import Foundation
import XCTest

/// What a user types that the argument parser alone would take the wrong way, and outputs
/// that are not plain files: each found by trying the tool as a user would.
final class CommandLineEdgeTests: CLITestCase {
    /// `sentiment --no-cache predict` used to classify the word "predict": root options
    /// written before a subcommand now go after it.
    func testRootOptionsBeforeASubcommandGoAfterIt() throws {
        let (_, model) = try makeFolderWithConstantModel()
        let predicted = try run(["--no-cache", "--model", model.path, "predict"], stdin: "good\n")
        XCTAssertEqual(predicted.status, 0, predicted.stderr)
        XCTAssertEqual(predicted.stdout, "positive\t0.7500\n")
        let info = try run(["--model", model.path, "info"])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.hasPrefix("model") && info.stdout.contains(model.path), info.stdout)
    }

    /// A text that starts with "-" and holds a space is a text, in its place among the
    /// others; `"-this was awful"` used to print the help (-h among its letters), exit 0.
    func testATextStartingWithADashIsClassified() throws {
        let (_, model) = try makeFolderWithConstantModel()
        let result = try run(["--no-cache", "good", "-this was awful", "--model", model.path, "-so so"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "positive\t0.7500\tgood\npositive\t0.7500\t-this was awful\npositive\t0.7500\t-so so\n")
        XCTAssertEqual(try run(["--no-cache", "-x"]).status, 2, "a dash word without a space is still an option")
    }

    /// An option written with its value, `--model="my dir/m.safetensors"`, is an option
    /// even when the value holds a space: it used to be classified as a text, with the
    /// embedded model, exit 0 (and `explain --output="…"` wrote to standard output).
    func testAnOptionWithItsValueHoldingASpaceIsAnOption() throws {
        let directory = try makeTemporaryDirectory()
        let folder = directory.appendingPathComponent("my dir")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let result = try run(["--no-cache", "--model=\(folder.path)/m.safetensors", "-so so", "good"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "positive\t0.7500\t-so so\npositive\t0.7500\tgood\n")
        let page = folder.appendingPathComponent("e.html")
        let explained = try run(["explain", "--model=\(folder.path)/m.safetensors", "--output=\(page.path)",
                                 "--format", "html", "-so so"])
        XCTAssertEqual(explained.status, 0, explained.stderr)
        XCTAssertEqual(explained.stdout, "")
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    /// The same rule in `tokenize` and `explain`, which take texts too: "-oh no" printed
    /// the help (-h among its letters) with status 0, into the file stdout went to.
    func testATextStartingWithADashIsATextInTokenizeAndExplain() throws {
        let tokens = try run(["tokenize", "-oh no", "fine", "-not great"])
        XCTAssertEqual(tokens.status, 0, tokens.stderr)
        XCTAssertEqual(tokens.stdout, "- oh no\nfine\n- not great\n")
        let (_, model) = try makeFolderWithConstantModel()
        // (jsonl is json, as classify and predict name JSON Lines.)
        let explained = try run(["explain", "--model", model.path, "--format", "jsonl", "-ha ha", "--steps", "32", "ok"])
        XCTAssertEqual(explained.status, 0, explained.stderr)
        let texts = explained.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
        XCTAssertEqual(texts, ["-ha ha", "ok"])
    }

    /// `-o -` is standard output (it used to make a file named "-"), and a shell's `>>`
    /// keeps what the file held.
    func testDashAsTheOutputIsStandardOutput() throws {
        let (directory, _) = try makeFolderWithConstantModel()
        let lines = directory.appendingPathComponent("lines.txt"), log = directory.appendingPathComponent("log.tsv")
        try "good\nbad\n".write(to: lines, atomically: true, encoding: .utf8)
        try "earlier\n".write(to: log, atomically: true, encoding: .utf8)
        let result = try runShell("sentiment classify --no-cache --lines --model m.safetensors -o - lines.txt >> log.tsv",
                                  in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("-").path))
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("earlier\npath\tline\tlabel\t"), text)
        XCTAssertTrue(text.hasSuffix("lines.txt\t2\tpositive\t0.7500\t0.2500\t0.7500\n"), text)
    }

    /// A full disk under standard output, or standard output closed, is a failure of the
    /// environment (status 1), not of the input (2). With it closed, the files the run
    /// opens must not take its number: the output file gets the rows, nothing else.
    func testStandardOutputThatCannotBeWrittenIsARuntimeFailure() throws {
        let (directory, _) = try makeFolderWithConstantModel()
        let full = try runShell("sentiment --no-cache --model m.safetensors good > /dev/full", in: directory)
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "sentiment: cannot write to standard output: No space left on device\n")
        let closed = try runShell("sentiment tokenize hello >&-", in: directory)
        XCTAssertEqual(closed.status, 1)
        XCTAssertEqual(closed.stderr, "sentiment: cannot write to standard output: Bad file descriptor\n")
        try "good\n".write(to: directory.appendingPathComponent("lines.txt"), atomically: true, encoding: .utf8)
        let written = try runShell(
            "sentiment classify --no-cache --lines --model m.safetensors -o out.tsv lines.txt >&-", in: directory)
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("out.tsv"), encoding: .utf8),
                       "path\tline\tlabel\tconfidence\tnegative\tpositive\nlines.txt\t1\tpositive\t0.7500\t0.2500\t0.7500\n")
    }

    /// The cache database is read by the run, so no output may replace it: `train -o`
    /// over it used to succeed, and the next cached run then wrote SQLite pages over the model.
    func testNoOutputReplacesTheCacheDatabase() throws {
        let directory = try makeTemporaryDirectory()
        let database = directory.appendingPathComponent("cache.sqlite").path
        let model = directory.appendingPathComponent("m.safetensors")
        try writeConstantModel(to: model, probabilities: [0.25, 0.75])
        let data = directory.appendingPathComponent("data.tsv")
        try "label\ttext\nnegative\tbad\npositive\tgood\n".write(to: data, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["eval", "--db", database, "--model", model.path, data.path]).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for arguments in [["train", "--db", database, "--train", data.path, "-o", database, "--epochs", "1"],
                          ["eval", "--db", database, "--model", model.path, data.path, "--reliability", database]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertEqual(result.stderr, "sentiment: \(database): is the cache database; write the output to another file\n")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
    }

    /// `explain -` reads standard input, as `-` does everywhere; it used to explain the
    /// text "-", and so missed that `-o` named the file standard input came from.
    func testExplainReadsStandardInputFromADash() throws {
        let (directory, model) = try makeFolderWithConstantModel()
        let notes = directory.appendingPathComponent("notes.txt")
        try "good\n".write(to: notes, atomically: true, encoding: .utf8)
        let explained = try run(["explain", "--model", model.path, "-"], stdin: "good\n")
        XCTAssertEqual(explained.status, 0, explained.stderr)
        XCTAssertTrue(explained.stdout.hasPrefix("# text: good\n"), explained.stdout)
        let refused = try runShell("sentiment explain --model m.safetensors -o notes.txt - < notes.txt", in: directory)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.hasPrefix("sentiment: notes.txt: is also an input"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "good\n")
    }

    /// With --init the network comes from the starting model, so a shape option that
    /// would be ignored is refused (`--init default --hidden 64` used to train hidden 128).
    func testShapeOptionsWithInitAreRefused() throws {
        let result = try run(["train", "--init", "default", "--train", "x.tsv", "-o", "m.safetensors", "--hidden", "64",
                              "--pool", "mean", "--no-cache"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: --hidden, --pool do not apply with --init: "
            + "the network and its vocabulary come from the starting model\n")
    }

    /// Counting a vocabulary from no rows (every row bad and skipped) writes nothing.
    func testAVocabularyFromNoRowsIsAnError() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("bad.tsv")
        try "label\ttext\nonly-one-column\n".write(to: data, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("v.tsv")
        let result = try run(["vocab", "build", "--skip-bad-rows", data.path, "-o", output.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasSuffix("sentiment: \(data.path): no rows to count (all 1 were bad and skipped); nothing written\n"),
                      result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    /// UTF-16 on standard input is refused by `predict` and `explain` as by `classify -`;
    /// they used to read it as text full of NUL characters. With an empty first line the
    /// byte-order mark is a line by itself, and without a mark the NUL bytes come on line
    /// 2, in the same micro-batch as line 1: both ran on as text, or ended with exit 0
    /// after line 1's answer.
    func testUTF16OnStandardInputIsRefused() throws {
        let (directory, _) = try makeFolderWithConstantModel()
        let refusal = "sentiment: <stdin>: UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)\n"
        let marked = "\\xff\\xfeg\\0o\\0o\\0d\\0\\n\\0"
        let markedBlankFirst = "\\xff\\xfe\\n\\0g\\0o\\0o\\0d\\0\\n\\0"
        let unmarkedBlankFirst = "\\n\\0g\\0o\\0o\\0d\\0\\n\\0"
        for command in ["predict --no-cache", "explain", "--no-cache"] {
            for input in [marked, markedBlankFirst] {
                let result = try runShell("printf '\(input)' | sentiment \(command) --model m.safetensors", in: directory)
                XCTAssertEqual(result.status, 2, "\(command) \(input)")
                XCTAssertEqual(result.stdout, "", "\(command) \(input)")
                XCTAssertEqual(result.stderr, refusal, "\(command) \(input)")
            }
        }
        // Line 1 is blank (its answer is an empty line); line 2 holds the NUL bytes.
        for command in ["predict --no-cache", "--no-cache"] {
            let result = try runShell("printf '\(unmarkedBlankFirst)' | sentiment \(command) --model m.safetensors", in: directory)
            XCTAssertEqual(result.status, 2, command)
            XCTAssertEqual(result.stdout.filter { $0 == "\n" }.count, 1, command)
            XCTAssertEqual(result.stderr, refusal, command)
        }
    }
}
