import Foundation
import Model
import XCTest

/// `sentiment synth temporal-order`: a seeded corpus that `train` reads like any other.
final class SynthCommandTests: CLITestCase {
    func testTheSameSeedWritesTheSameBytesAndStandardOutputGetsThemToo() throws {
        let directory = try makeTemporaryDirectory()
        let first = directory.appendingPathComponent("first.tsv"), second = directory.appendingPathComponent("second.tsv")
        for file in [first, second] {
            let result = try run(["synth", "temporal-order", "--length", "30", "--count", "101", "--seed", "9", "-o", file.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        let bytes = try Data(contentsOf: first)
        XCTAssertEqual(try Data(contentsOf: second), bytes)
        let piped = try run(["synth", "temporal-order", "--length", "30", "--count", "101", "--seed", "9", "-o", "-"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(Data(piped.stdout.utf8), bytes)
        let otherSeed = try run(["synth", "temporal-order", "--length", "30", "--count", "101", "--seed", "10"])
        XCTAssertNotEqual(Data(otherSeed.stdout.utf8), bytes)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["first.tsv", "second.tsv"],
                       "no temporary file left beside the output")
    }

    func testTheCorpusHasAHeaderBalancedClassesAndTheMarkersWhereTheLabelSays() throws {
        let result = try run(["synth", "temporal-order", "--length", "40", "--count", "1000", "--seed", "4"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "temporal-order: 1000 sequences of 40 tokens (XX 250, XY 250, YX 250, YY 250); "
            + "markers at positions 4–8 and 20–24\n")
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.removeLast(), "", "the file ends with a newline")
        XCTAssertEqual(lines.removeFirst(), "label\ttext")
        XCTAssertEqual(lines.count, 1000)
        var counts: [String: Int] = [:]
        for line in lines {
            let fields = line.split(separator: "\t").map(String.init)
            XCTAssertEqual(fields.count, 2, String(line))
            let tokens = fields[1].split(separator: " ").map(String.init)
            XCTAssertEqual(tokens.count, 40)
            let markers = tokens.indices.filter { ["X", "Y"].contains(tokens[$0]) }
            XCTAssertEqual(markers.count, 2, String(line))
            XCTAssertTrue((4...8).contains(markers[0]) && (20...24).contains(markers[1]), String(line))
            XCTAssertEqual(fields[0], tokens[markers[0]] + tokens[markers[1]], "the label is the markers' order")
            counts[fields[0], default: 0] += 1
        }
        XCTAssertEqual(counts, ["XX": 250, "XY": 250, "YX": 250, "YY": 250])
    }

    func testBadArgumentsExitTwoWithOneLineAndWriteNothing() throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent("out.tsv")
        for (arguments, message) in [
            (["--length", "9"], "temporal-order: the length must be at least 10 (markers sit in [0.1 L, 0.2 L] and [0.5 L, 0.6 L]), not 9"),
            (["--count", "0"], "temporal-order: the count must be at least 1, not 0"),
            (["--count", "-5"], "temporal-order: the count must be at least 1, not -5"),
            (["--length", "1000000000", "--count", "1"],
             "temporal-order: the length must be at most 100000 (a sequence is built in memory), not 1000000000"),
            (["--count", "10000001"], "temporal-order: the count must be at most 10000000, not 10000001"),
        ] {
            let result = try run(["synth", "temporal-order"] + arguments + ["-o", output.path])
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderr, "sentiment: \(message)\n")
            XCTAssertEqual(result.stdout, "")
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        }
        let missingFolder = directory.appendingPathComponent("nowhere/out.tsv").path
        let result = try run(["synth", "temporal-order", "-o", missingFolder])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(missingFolder): cannot write: no such folder \(directory.path)/nowhere\n")
    }

    func testTrainReadsTheCorpus() throws {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("to.tsv"), model = directory.appendingPathComponent("to.safetensors")
        let synth = try run(["synth", "temporal-order", "--length", "12", "--count", "200", "--seed", "1", "-o", corpus.path])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let train = try run(["train", "--train", corpus.path, "-o", model.path, "--epochs", "1", "--hidden", "4",
                             "--embedding-dim", "4", "--no-cache"])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stderr.contains("train: \(corpus.path): 180 rows, 4 classes (XX, XY, YX, YY)"), train.stderr)
        XCTAssertTrue(train.stderr.contains("vocabulary: 8 tokens"), "<pad>, <unk>, a b c d and x y (case folded): \(train.stderr)")
        XCTAssertEqual(try SentimentModel.load(contentsOf: model).labels, ["XX", "XY", "YX", "YY"])
    }

    func testHelpShowsTheDefaults() throws {
        let result = try run(["synth", "temporal-order", "--help"])
        XCTAssertEqual(result.status, 0)
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for fragment in ["--length <L> Tokens per sequence (10 to 100000). (default: 100)",
                         "--count <N> Number of sequences (at most 10000000). (default: 1000)", "--seed <S> Random seed. (default: 42)"] {
            XCTAssertTrue(help.contains(fragment), "help lacks \(fragment): \(help)")
        }
    }
}
