import Foundation
import XCTest

final class InfoCommandTests: CLITestCase {
    func testModelCardDescribesTheModel() throws {
        let (model, directory, training) = try trainTinyModel()
        XCTAssertEqual(training.status, 0, training.stderr)
        let result = try run(["info", "--model", model.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "model          \(model.path)")
        XCTAssertTrue(lines.contains("labels         negative, positive (trained from 0, 1)"), result.stdout)
        XCTAssertTrue(lines.contains("network        embedding 8 → bidirectional LSTM 1 layer × 8 → max pooling → dropout 0.5 → linear 16 → 2"), result.stdout)
        XCTAssertTrue(lines.contains("cell           lstm, 2 directions"), result.stdout)
        // V·8 embedding + 2 directions × (4·8·8 + 4·8·8 + 2·4·8) + 2·16 + 2.
        let vocabularyLine = try XCTUnwrap(lines.first { $0.hasPrefix("vocabulary") })
        let vocabularySize = Int(vocabularyLine.split(separator: " ")[1])!
        let parameters = vocabularySize * 8 + 2 * (256 + 256 + 64) + 34
        XCTAssertTrue(lines.contains("parameters     \(parameters / 1000),\(String(format: "%03d", parameters % 1000))"), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("training data  train \(directory.path)/train.tsv (300 rows), dev \(directory.path)/dev.tsv (60 rows)") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("dev            accuracy ") }, result.stdout)
        let size = try FileManager.default.attributesOfItem(atPath: model.path)[.size] as! Int
        XCTAssertTrue(lines.contains { $0.hasPrefix("file size      \(String(format: "%.1f KB", Double(size) / 1024)) (float32 weights)") }, result.stdout)
    }

    func testPrintIdsUsesTheModelsVocabulary() throws {
        let (model, _, _) = try trainTinyModel()
        let result = try run(["info", "--model", model.path, "--print-ids"], stdin: "the film was\nzzzz\n\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[0].split(separator: " ").count, 3)
        XCTAssertEqual(rows[1], "1", "unknown word → <unk>")
        XCTAssertEqual(rows[2], "1", "no tokens → [<unk>]")
    }

    func testEmbeddedDefaultModelTravelsInsideTheBinary() throws {
        // A copy of the binary alone, in a folder with nothing beside it, still has its model.
        let directory = try makeTemporaryDirectory()
        let copy = directory.appendingPathComponent("sentiment")
        try FileManager.default.copyItem(at: sentimentExecutable, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["info"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let card = String(decoding: data, as: UTF8.self)
        // Keys are padded to the card's longest key.
        func field(_ key: String) -> String? {
            card.split(separator: "\n").first { $0.hasPrefix(key + " ") }
                .map { $0.dropFirst(key.count).trimmingCharacters(in: .whitespaces) }
        }
        XCTAssertEqual(field("model"), "<embedded default model>", card)
        XCTAssertEqual(field("labels"), "negative, neutral, positive", card)
        XCTAssertEqual(field("format"), "sentiment.bilstm v1", card)
        XCTAssertTrue(card.hasPrefix("model "), card)
    }
}
