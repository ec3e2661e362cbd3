import Foundation
import XCTest

/// `sentiment bench …`: the measurements check their numbers as `train` does, with the
/// same bounds and words, before any work (a zero batch looped forever, a negative one
/// crashed, a million hidden units aborted on allocation).
final class BenchCommandTests: CLITestCase {
    func assertRefused(_ cases: [([String], String)], file: StaticString = #filePath, line: UInt = #line) throws {
        for (arguments, message) in cases {
            let result = try run(["bench"] + arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "), file: file, line: line)
            XCTAssertEqual(result.usageMessage, message, file: file, line: line)
            XCTAssertEqual(result.stdout, "", file: file, line: line)
        }
    }

    func testCacheRowsAndBatchMustBeAtLeastOne() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("bench.db").path
        try assertRefused([
            (["cache", "--db", db, "--batch", "0"], "sentiment: --batch must be at least 1, not 0"),
            (["cache", "--db", db, "--batch=-1"], "sentiment: --batch must be at least 1, not -1"),
            (["cache", "--db", db, "--batch", "-1"], "sentiment: --batch must be at least 1, not -1"),
            (["cache", "--db", db, "--rows=-5"], "sentiment: --rows must be at least 1, not -5"),
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "nothing written")
    }

    func testEngineSizesHaveTrainsBoundsAndDropoutIsAProbability() throws {
        func engine(_ option: String, _ value: String) -> [String] { ["engine", "--data", "x.tsv", option, value] }
        try assertRefused([
            (engine("--hidden", "1000000"), "sentiment: --hidden must be at most 4096, not 1000000"),
            (engine("--hidden", "0"), "sentiment: --hidden must be at least 1, not 0"),
            (engine("--embedding-dim", "4097"), "sentiment: --embedding-dim must be at most 4096, not 4097"),
            (engine("--layers", "17"), "sentiment: --layers must be at most 16, not 17"),
            (engine("--batch-size", "-1"), "sentiment: --batch-size must be at least 1, not -1"),
            (engine("--batch-size", "65537"), "sentiment: --batch-size must be at most 65536, not 65537"),
            (engine("--inference-batch-size", "0"), "sentiment: --inference-batch-size must be at least 1, not 0"),
            (engine("--train-steps", "-2"), "sentiment: --train-steps must be at least 1, not -2"),
            (engine("--directions", "3"), "sentiment: --directions must be 1 or 2, not 3"),
            (engine("--dropout", "2"), "sentiment: --dropout must be in [0, 1), not 2.0"),
            (engine("--dropout", "nan"), "sentiment: --dropout must be in [0, 1), not nan"),
            (engine("--dropout", "-0.5"), "sentiment: --dropout must be in [0, 1), not -0.5"),
        ])
    }

    /// Fewer sentences than one training batch: the step loop divided by zero.
    func testEngineNeedsABatchOfSentences() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("bench.tsv")
        try "label\ttext\n1\ta b\n0\tc d\n1\te f\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["bench", "engine", "--data", data.path, "--batch-size", "4", "--train-steps", "1",
                              "--hidden", "4", "--embedding-dim", "4"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(data.path): 3 sentences, fewer than one batch (--batch-size 4)\n")
        let fits = try run(["bench", "engine", "--data", data.path, "--batch-size", "3", "--train-steps", "1",
                            "--hidden", "4", "--embedding-dim", "4", "--single-sentences", "1"])
        XCTAssertEqual(fits.status, 0, fits.stderr)
        XCTAssertTrue(fits.stdout.contains("\"batch_size\":3"), fits.stdout)
    }

    func testDatasetGradientsAndTokenizerNumbersAreCheckedByName() throws {
        try assertRefused([
            (["dataset", "--train", "x.tsv", "--min-count", "0"], "sentiment: --min-count must be at least 1, not 0"),
            (["dataset", "--train", "x.tsv", "--max-length=-1"], "sentiment: --max-length must be 0 (no limit) or more, not -1"),
            (["dataset", "--train", "x.tsv", "--max-length", "-1"], "sentiment: --max-length must be 0 (no limit) or more, not -1"),
            (["dataset", "--train", "x.tsv", "--max-length", "100001"], "sentiment: --max-length must be at most 100000, not 100001"),
            (["gradients", "-m", "m.safetensors", "x.tsv", "--limit=-1"], "sentiment: --limit must be at least 1, not -1"),
            (["gradients", "-m", "m.safetensors", "x.tsv", "--limit", "-1"], "sentiment: --limit must be at least 1, not -1"),
            (["tokenizer", "--repeat", "-1"], "sentiment: --repeat must be at least 1, not -1"),
            (["tokenizer", "--repeat", "0"], "sentiment: --repeat must be at least 1, not 0"),
        ])
    }
}
