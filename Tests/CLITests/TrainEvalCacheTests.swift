import Foundation
import Model
import XCTest

/// `train` and `eval` through the cache database: the second run on the same files
/// reuses what the first stored, and says so; `--no-cache` touches nothing.
final class TrainEvalCacheTests: CLITestCase {
    func testASecondTrainReusesTheDatasetAndGivesTheSameWeights() throws {
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        let first = try trainTinyModel(extra: ["--db", db])
        XCTAssertEqual(first.result.status, 0, first.result.stderr)
        XCTAssertFalse(first.result.stderr.contains("dataset cache:"), first.result.stderr)
        let second = try trainTinyModel(extra: ["--db", db])
        XCTAssertEqual(second.result.status, 0, second.result.stderr)
        // Different temporary folders, same bytes: the content hash finds them.
        XCTAssertTrue(second.result.stderr.contains(
            "dataset cache: \(second.directory.path)/train.tsv (rows, vocabulary, token ids); "
                + "\(second.directory.path)/dev.tsv (rows, token ids)\n"), second.result.stderr)
        let uncached = try trainTinyModel(extra: ["--no-cache"])
        XCTAssertEqual(uncached.result.status, 0, uncached.result.stderr)
        XCTAssertFalse(uncached.result.stderr.contains("dataset cache:"), uncached.result.stderr)

        // The files differ (paths, timings); the weights do not.
        let reference = try SentimentModel.load(contentsOf: first.model)
        for other in [second.model, uncached.model] {
            let model = try SentimentModel.load(contentsOf: other)
            XCTAssertEqual(model.vocabulary.tokens, reference.vocabulary.tokens)
            XCTAssertEqual(model.classifier.parameters.map { $0.value.map(\.bitPattern) },
                           reference.classifier.parameters.map { $0.value.map(\.bitPattern) }, other.path)
        }
    }

    func testASecondEvalIsAnsweredFromThePredictionCache() throws {
        let (model, directory, training) = try trainTinyModel(extra: ["--no-cache"])
        XCTAssertEqual(training.status, 0, training.stderr)
        let test = directory.appendingPathComponent("test.tsv")
        try writeOpinionCorpus(to: test, rows: 40, seed: 7)
        let db = directory.appendingPathComponent("cache.sqlite").path
        let uncached = try run(["eval", "--model", model.path, test.path, "--no-cache"])
        XCTAssertEqual(uncached.status, 0, uncached.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
        let cold = try run(["eval", "--model", model.path, test.path, "--db", db])
        XCTAssertEqual(cold.status, 0, cold.stderr)
        let warm = try run(["eval", "--model", model.path, test.path, "--db", db])
        XCTAssertEqual(warm.status, 0, warm.stderr)
        XCTAssertEqual(cold.stdout, uncached.stdout)
        XCTAssertEqual(warm.stdout, uncached.stdout)
        // The second run is answered from the cache: every row a hit.
        let stats = try run(["cache", "stats", "--db", db])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.contains("last run\teval, 40 hits, 0 misses, hit rate 100.0%"), stats.stdout)
    }

    func testACorruptDatabaseStopsTrainAndEvalWithTheHint() throws {
        let (model, directory, training) = try trainTinyModel(extra: ["--no-cache"])
        XCTAssertEqual(training.status, 0, training.stderr)
        let db = directory.appendingPathComponent("cache.sqlite").path
        try String(repeating: "not a database\n", count: 300).write(toFile: db, atomically: true, encoding: .utf8)
        let expected = "sentiment: \(db): not a usable SQLite database (file is not a database); "
            + "use --db PATH for another file or --no-cache to run without the cache\n"
        let train = try run(["train", "--train", directory.appendingPathComponent("train.tsv").path,
                             "-o", directory.appendingPathComponent("other.safetensors").path, "--db", db])
        XCTAssertEqual(train.status, 2)
        XCTAssertEqual(train.stderr, expected)
        let eval = try run(["eval", "--model", model.path, directory.appendingPathComponent("dev.tsv").path, "--db", db])
        XCTAssertEqual(eval.status, 2)
        XCTAssertEqual(eval.stderr, expected)
        XCTAssertEqual(eval.stdout, "")
    }
}
