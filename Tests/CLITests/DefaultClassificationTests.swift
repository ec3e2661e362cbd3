import Foundation
import Model
import XCTest

final class DefaultClassificationTests: CLITestCase {
    func testTextArgumentsGiveOneLineEachWithTheDefaultModel() throws {
        try XCTSkipUnless(SentimentModel.hasEmbeddedDefault, "this build embeds no default model")
        let result = try run(["what a lovely film", "", "a dull, tedious mess"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[1], "\t\t")
        XCTAssertEqual(lines[3], "")
        let pattern = try NSRegularExpression(pattern: #"^(negative|positive)\t(0\.[5-9]\d{3}|1\.0000)\t"#)
        for (line, text) in [(lines[0], "what a lovely film"), (lines[2], "a dull, tedious mess")] {
            XCTAssertEqual(pattern.numberOfMatches(in: line, range: NSRange(line.startIndex..., in: line)), 1, line)
            XCTAssertTrue(line.hasSuffix("\t" + text), line)
        }
        XCTAssertTrue(lines[0].hasPrefix("positive\t"), lines[0])
        XCTAssertTrue(lines[2].hasPrefix("negative\t"), lines[2])
    }

    func testModelOptionClassifiesTextArgumentsWithThatModel() throws {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("constant.safetensors")
        try writeConstantModel(to: model, probabilities: [0.25, 0.75])
        let result = try run(["--model", model.path, "what a lovely film", "awful"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "positive\t0.7500\twhat a lovely film\npositive\t0.7500\tawful\n")

        let missing = try run(["--model", directory.appendingPathComponent("nope.safetensors").path, "hi"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("sentiment: \(directory.path)/nope.safetensors"), missing.stderr)
    }

    /// `--model default` is the embedded model wherever a model is read, as `train --init
    /// default` is (it was "default: cannot read model file"); a file named `default` in
    /// the folder is still that file.
    func testModelDefaultNamesTheEmbeddedModelUnlessSuchAFileExists() throws {
        let embedded = try run(["--no-cache", "a lovely film"])
        XCTAssertEqual(embedded.status, 0, embedded.stderr)
        for arguments in [["--no-cache", "--model", "default", "a lovely film"],
                          ["predict", "--no-cache", "--model", "default"]] {
            let result = try run(arguments, stdin: "a lovely film\n")
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            // Label and confidence (the root adds the text, predict does not).
            func answer(_ output: String) -> [Substring] { Array(output.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).prefix(2)) }
            XCTAssertEqual(answer(result.stdout), answer(embedded.stdout), "\(arguments)")
        }
        let info = try run(["info", "--model", "default"])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertEqual(info.stdout, try run(["info"]).stdout)
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("default"), probabilities: [0.25, 0.75])
        let file = try run(["--no-cache", "--model", "default", "a lovely film"], currentDirectory: folder)
        XCTAssertEqual(file.stdout, "positive\t0.7500\ta lovely film\n", file.stderr)
    }

    /// With no TEXT and a pipe for standard input, or with TEXT "-" (as `tokenize` and
    /// `explain` read it), the root command classifies each input line as `predict --echo`
    /// does (a terminal with no TEXT still gets the help page).
    func testNoTextsClassifiesPipedLinesOneResultEach() throws {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("constant.safetensors")
        try writeConstantModel(to: model, probabilities: [0.25, 0.75])
        let result = try run(["--no-cache", "--model", model.path], stdin: "what a lovely film\n\nawful")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "positive\t0.7500\twhat a lovely film\n\t\t\npositive\t0.7500\tawful\n")
        XCTAssertEqual(result.stderr, "")

        let dash = try run(["--no-cache", "--model", model.path, "-"], stdin: "fine\n")
        XCTAssertEqual(dash.status, 0, dash.stderr)
        XCTAssertEqual(dash.stdout, "positive\t0.7500\tfine\n")

        let unknown = try run(["--no-cache", "--model", model.path, "--classes", "neutral,positive"], stdin: "fine\n")
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "sentiment: --classes: the model has no class 'neutral'; its classes are negative, positive\n")
        XCTAssertEqual(unknown.stdout, "")

        let empty = try run(["--no-cache", "--model", model.path])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertEqual(empty.stdout, "")
    }

    /// Like `predict`, the root command answers a text it has seen from the cache
    /// (`--db`), and `--no-cache` neither reads nor writes one.
    func testTextArgumentsGoThroughTheCacheUnlessNoCache() throws {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("constant.safetensors")
        try writeConstantModel(to: model, probabilities: [0.25, 0.75])
        let database = directory.appendingPathComponent("cache.sqlite")

        let skipped = try run(["--no-cache", "--db", database.path, "--model", model.path, "fine"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertEqual(skipped.stdout, "positive\t0.7500\tfine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: database.path), "--no-cache created the database")

        for _ in 0..<2 {
            let result = try run(["--db", database.path, "--model", model.path, "fine"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "positive\t0.7500\tfine\n")
        }
        let stats = try run(["cache", "stats", "--db", database.path])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.contains("predictions\t1 rows"), stats.stdout)
        XCTAssertTrue(stats.stdout.contains("last run\tsentiment, 1 hits, 0 misses"), stats.stdout)
    }
}
