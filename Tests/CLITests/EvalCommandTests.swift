import Foundation
import XCTest

final class EvalCommandTests: CLITestCase {
    func testReportAndJSONAgree() throws {
        let (model, directory, training) = try trainTinyModel()
        XCTAssertEqual(training.status, 0, training.stderr)
        let test = directory.appendingPathComponent("test.tsv")
        try writeOpinionCorpus(to: test, rows: 80, seed: 9)

        let json = try run(["eval", "--model", model.path, test.path, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["rows"] as? Int, 80)
        XCTAssertEqual(object["labels"] as? [String], ["negative", "positive"])
        let confusion = try XCTUnwrap(object["confusion"] as? [[Int]])
        XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), 80)
        let accuracy = try XCTUnwrap(object["accuracy"] as? Double)
        XCTAssertEqual(accuracy, Double(confusion[0][0] + confusion[1][1]) / 80, accuracy: 1e-6)
        let perClass = try XCTUnwrap(object["per_class"] as? [String: [String: Any]])
        XCTAssertEqual(Set(perClass.keys), ["negative", "positive"])
        XCTAssertEqual(perClass["negative"]?["support"] as? Int, confusion[0][0] + confusion[0][1])
        XCTAssertNotNil(object["macro_f1"] as? Double)

        let text = try run(["eval", "--model", model.path, test.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        let correct = confusion[0][0] + confusion[1][1]
        XCTAssertTrue(text.stdout.contains("accuracy   \(String(format: "%.2f%%", accuracy * 100))  (\(correct) of 80)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("confusion matrix (rows: true label, columns: predicted)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("class     precision   recall       F1  support"), text.stdout)
    }

    /// A file of one class scored by a three-way model: macro-F1 averages the classes among
    /// its labels or the answers only; the others' scores print as "—" (null in JSON).
    func testAFileOfOneClassIsNotMarkedDownForClassesItNeverHolds() throws {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("m.safetensors")
        try writeConstantModel(to: model, probabilities: [0.2, 0.1, 0.7], labels: ["negative", "neutral", "positive"])
        let test = directory.appendingPathComponent("positive.tsv")
        try "label\ttext\npositive\tgood\npositive\tgood good\npositive\tbad\n".write(to: test, atomically: true, encoding: .utf8)

        let text = try run(["eval", "--no-cache", "--model", model.path, test.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("accuracy   100.00%  (3 of 3)\nmacro-F1   100.00%\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("negative          —        —        —        0\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("positive    100.00%  100.00%  100.00%        3\n"), text.stdout)

        let json = try run(["eval", "--no-cache", "--model", model.path, test.path, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["macro_f1"] as? Double, 1)
        let perClass = try XCTUnwrap(object["per_class"] as? [String: [String: Any]])
        XCTAssertTrue(perClass["neutral"]?["f1"] is NSNull, "\(perClass)")
        XCTAssertEqual(perClass["neutral"]?["support"] as? Int, 0)
        XCTAssertEqual(perClass["positive"]?["f1"] as? Double, 1)
    }

    func testUnknownLabelNamesItsLine() throws {
        let (model, directory, _) = try trainTinyModel()
        let test = directory.appendingPathComponent("odd.tsv")
        try "label\ttext\n1\tgreat\nmaybe\thmm\n".write(to: test, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--model", model.path, test.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(test.path):3: label 'maybe' is not one of the model's labels (negative, positive)\n")
    }

    func testAnUnguessableFormatPointsToEvalsOwnFlag() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("scores.dat")
        try "just some words\nmore words\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--no-cache", data.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(data.path): cannot tell the corpus format; choose one with --input-format tsv|csv|jsonl|fasttext|folders\n")
    }

    /// `--label-column` and `--text-column`, which the readers' errors point to, are
    /// eval's options too (train's and calibrate's as well); they were vocab build's alone.
    func testColumnsAreChosenAsTheErrorSays() throws {
        let (directory, model) = try makeFolderWithConstantModel()
        let table = directory.appendingPathComponent("posts.tsv")
        try "7\tgreat\tpositive\n8\tawful\tnegative\n".write(to: table, atomically: true, encoding: .utf8)
        let refused = try run(["eval", "--no-cache", "--model", model.path, table.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "sentiment: \(table.path):1: 3 columns and no header: choose them with "
            + "--label-column and --text-column (1-based positions)\n")
        let chosen = try run(["eval", "--no-cache", "--model", model.path, "--label-column", "3", "--text-column", "2", table.path])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertTrue(chosen.stdout.contains("accuracy   50.00%  (1 of 2)"), chosen.stdout)
    }

    /// A folder read as a table is refused in the reader's words with the cache on too
    /// (hashing it first put Foundation's "error 256" in their place).
    func testAFolderReadAsATableIsRefusedInTheSameWordsWithTheCache() throws {
        let directory = try makeTemporaryDirectory()
        let folder = directory.appendingPathComponent("fold")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pos"), withIntermediateDirectories: true)
        try "great film".write(to: folder.appendingPathComponent("pos/1.txt"), atomically: true, encoding: .utf8)
        let result = try run(["eval", "--db", directory.appendingPathComponent("c.sqlite").path, "--input-format", "tsv", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(folder.path): is a directory; use --input-format folders for a folder per label\n")
    }

    func testABrokenModelFileIsAUsageErrorNamingIt() throws {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("broken.safetensors")
        try "label\ttext\n".write(to: model, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--model", model.path, model.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(model.path): not a safetensors model file (no JSON header after the length prefix); pass a model written by 'sentiment train'\n")
    }
}
