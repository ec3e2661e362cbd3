import Foundation
import Model
import Store
import XCTest

final class PredictCommandTests: CLITestCase {
    func makeModel(_ probabilities: [Float] = [0.25, 0.75], name: String = "m.safetensors") throws -> URL {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent(name), probabilities: probabilities)
        return folder
    }

    /// `printf INPUT | sentiment predict ARGS…` in `folder`, so the input may hold any bytes.
    func predict(_ arguments: [String], input: String, in folder: URL) throws -> CommandResult {
        try runShell("printf \"$1\" | \"$0\" predict \"${@:2}\"", arguments: [sentimentExecutable.path, input] + arguments, in: folder)
    }

    func testOneResultLinePerInputLineIncludingBlankAndInvalidOnes() throws {
        let folder = try makeModel()
        let result = try predict(["--model", "m.safetensors", "--no-cache"], input: "good\\n\\n\\377\\376\\nlast", in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "positive\t0.7500\n\t\npositive\t0.7500\npositive\t0.7500\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testEchoInTSVEscapesTabs() throws {
        let folder = try makeModel()
        let result = try predict(["--model", "m.safetensors", "--no-cache", "--echo"], input: "a\\tb\\n\\n\\377", in: folder)
        XCTAssertEqual(result.stdout, "positive\t0.7500\ta\\tb\n\t\t\npositive\t0.7500\t\u{FFFD}\n")
    }

    func testJSONLWithEchoAndThreshold() throws {
        let folder = try makeModel()
        let result = try predict(["--model", "m.safetensors", "--no-cache", "--format", "jsonl", "--echo"],
                                 input: "good \\\"one\\\"\\n\\n", in: folder)
        XCTAssertEqual(result.stdout, """
            {"text":"good \\"one\\"","label":"positive","confidence":0.7500,"probabilities":{"negative":0.2500,"positive":0.7500}}
            {"text":"","label":null,"confidence":null,"probabilities":null}

            """)
        let uncertain = try predict(["--model", "m.safetensors", "--no-cache", "--format", "jsonl", "--threshold", "0.8"],
                                    input: "good\\n", in: folder)
        XCTAssertEqual(uncertain.stdout,
                       #"{"label":null,"confidence":0.7500,"probabilities":{"negative":0.2500,"positive":0.7500}}"# + "\n")
        let tsv = try predict(["--model", "m.safetensors", "--no-cache", "--threshold", "0.8"], input: "good\\n", in: folder)
        XCTAssertEqual(tsv.stdout, "\t0.7500\n")
    }

    func testCachedAnswersAreUsedForTheSameModelOnly() throws {
        let folder = try makeModel()
        try writeConstantModel(to: folder.appendingPathComponent("other.safetensors"), probabilities: [0.8, 0.2])
        let model = try SentimentModel.load(contentsOf: folder.appendingPathComponent("m.safetensors"))
        // Plant an answer the model would never give: only the cache can produce it.
        let database = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        try PredictionCache(database: database, modelFingerprint: model.fingerprint, labels: model.labels)
            .store([(key: TextKey(text: "good"), prediction: CachedPrediction(label: "negative", probabilities: [0.9, 0.1]))])

        let cached = try predict(["--model", "m.safetensors", "--db", "cache.sqlite"], input: "  good \\nfresh\\n", in: folder)
        XCTAssertEqual(cached.stdout, "negative\t0.9000\npositive\t0.7500\n")
        let other = try predict(["--model", "other.safetensors", "--db", "cache.sqlite"], input: "good\\n", in: folder)
        XCTAssertEqual(other.stdout, "negative\t0.8000\n")
        let uncached = try predict(["--model", "m.safetensors", "--no-cache"], input: "good\\n", in: folder)
        XCTAssertEqual(uncached.stdout, "positive\t0.7500\n")
        // The fresh line was stored: a third run answers both from the cache.
        _ = try predict(["--model", "m.safetensors", "--db", "cache.sqlite"], input: "good\\nfresh\\n", in: folder)
        let last = try XCTUnwrap(database.lastRun())
        XCTAssertEqual([last.command, "\(last.cacheHits)", "\(last.cacheMisses)"], ["predict", "2", "0"])
    }

    func testACachedAnswerDoesNotLoadTheModel() throws {
        let folder = try makeModel()
        // Not a model at all: only a cache hit can answer for it.
        let bytes = Data("not a model, but the cache knows these bytes".utf8)
        try bytes.write(to: folder.appendingPathComponent("broken.safetensors"))
        let fingerprint = bytes.withUnsafeBytes { contentDigest($0) }
        let database = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        try PredictionCache(database: database, modelFingerprint: fingerprint, labels: ["negative", "positive"])
            .store([(key: TextKey(text: "good"), prediction: CachedPrediction(label: "positive", probabilities: [0.1, 0.9]))])

        let hit = try predict(["--model", "broken.safetensors", "--db", "cache.sqlite"], input: "good\\n", in: folder)
        XCTAssertEqual(hit.status, 0, hit.stderr)
        XCTAssertEqual(hit.stdout, "positive\t0.9000\n")
        let miss = try predict(["--model", "broken.safetensors", "--db", "cache.sqlite"], input: "new\\n", in: folder)
        XCTAssertEqual(miss.status, 2)
        XCTAssertEqual(miss.stdout, "")
        XCTAssertTrue(miss.stderr.hasPrefix("sentiment: "), miss.stderr)
        XCTAssertTrue(miss.stderr.contains("broken.safetensors: not a safetensors model file"), miss.stderr)
    }

    func testBrokenPipeEndsQuietly() throws {
        let folder = try makeModel()
        let result = try runShell("""
            set -o pipefail; seq 1 200000 | "$0" predict --no-cache --model m.safetensors | head -1; \
            echo "status=${PIPESTATUS[1]}"
            """, arguments: [sentimentExecutable.path], in: folder)
        XCTAssertEqual(result.stdout, "positive\t0.7500\nstatus=0\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testCSVIsNotAPredictFormat() throws {
        let result = try run(["predict", "--format", "csv"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("The value 'csv' is invalid for '--format <format>'"), result.stderr)
    }

    func testAnEndlessOrHugeBurstWaitLastsUntilTheInputEnds() throws {
        let folder = try makeModel()
        for wait in ["inf", "1e16", "1e300"] {
            // Two lines arrive together (a burst), the third later: the batch waits for it.
            let result = try runShell("""
                (printf 'a\\nb\\n'; sleep 0.3; printf 'c\\n') | "$0" predict --no-cache --model m.safetensors --max-wait-ms "$1"
                """, arguments: [sentimentExecutable.path, wait], in: folder)
            XCTAssertEqual(result.status, 0, "--max-wait-ms \(wait): \(result.stderr)")
            XCTAssertEqual(result.stdout, String(repeating: "positive\t0.7500\n", count: 3), "--max-wait-ms \(wait)")
            XCTAssertEqual(result.stderr, "", "--max-wait-ms \(wait)")
        }
    }

    /// --max-batch is held to train's --batch-size bound: 2⁶³−1 overflowed the queue's
    /// capacity (16 × the batch) and crashed.
    func testAHugeMaxBatchIsAUsageError() throws {
        for value in ["9223372036854775807", "0"] {
            let result = try run(["predict", "--no-cache", "--max-batch", value], stdin: "good\n")
            XCTAssertEqual(result.status, 2, value)
            XCTAssertTrue(result.stderr.hasPrefix("sentiment: --max-batch must be at "), "\(value): \(result.stderr)")
        }
    }

    func testANaNBurstWaitIsAUsageError() throws {
        let result = try run(["predict", "--no-cache", "--max-wait-ms", "nan"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("sentiment: --max-wait-ms must be a number of milliseconds, not nan (see"), result.stderr)
    }
}
