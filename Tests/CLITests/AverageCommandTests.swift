import Foundation
import Model
import XCTest

/// `average` writes the weight-by-weight mean of its models, names them on the card, and
/// refuses models of another shape and an output that is one of its inputs.
final class AverageCommandTests: CLITestCase {
    func testTheSoupAnswersWithTheMeanOfTheIngredientsLogits() throws {
        let folder = try makeTemporaryDirectory()
        // The constant models' logits are log p and log q, so the soup's are their mean:
        // softmax gives p_k q_k square-rooted and renormalized, √(0.9·0.5) : √(0.1·0.5) = 3 : 1.
        try writeConstantModel(to: folder.appendingPathComponent("a.safetensors"), probabilities: [0.9, 0.1])
        try writeConstantModel(to: folder.appendingPathComponent("b.safetensors"), probabilities: [0.5, 0.5])
        let result = try run(["average", "-o", "soup.safetensors", "a.safetensors", "b.safetensors"], currentDirectory: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "averaged  2 models: a.safetensors, b.safetensors\nwrote     soup.safetensors\n")

        let predict = try run(["predict", "--no-cache", "--model", "soup.safetensors"], stdin: "good\n", currentDirectory: folder)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        XCTAssertEqual(predict.stdout, "negative\t0.7500\n")

        let info = try run(["info", "--model", "soup.safetensors"], currentDirectory: folder)
        XCTAssertEqual(info.status, 0, info.stderr)
        let rows = info.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        let start = try XCTUnwrap(rows.firstIndex(of: "averaged from 2 models"), info.stdout)
        XCTAssertEqual(Array(rows[(start + 1)...]), [
            "model 1 a.safetensors (\(try fingerprint(folder, "a.safetensors")))", "training not recorded",
            "model 2 b.safetensors (\(try fingerprint(folder, "b.safetensors")))", "training not recorded",
            "calibration none (temperature 1)",
        ])
    }

    /// A soup has no training of its own: its card keeps each ingredient's, and `info`
    /// shows them one under the other.
    func testInfoOfASoupShowsHowEachIngredientWasTrained() throws {
        let first = try trainTinyModel(), second = try trainTinyModel(extra: ["--seed", "7"])
        XCTAssertEqual(first.result.status, 0, first.result.stderr)
        XCTAssertEqual(second.result.status, 0, second.result.stderr)
        let soup = first.directory.appendingPathComponent("soup.safetensors").path
        let result = try run(["average", "-o", soup, first.model.path, second.model.path])
        XCTAssertEqual(result.status, 0, result.stderr)

        let info = try run(["info", "--model", soup])
        XCTAssertEqual(info.status, 0, info.stderr)
        let rows = info.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        let start = try XCTUnwrap(rows.firstIndex(of: "averaged from 2 models"), info.stdout)
        for (offset, run) in [first, second].enumerated() {
            let card = try SentimentModel.load(contentsOf: run.model).configuration.training
            let block = rows[(start + 1)...].drop { !$0.hasPrefix("model \(offset + 1) ") }
            XCTAssertEqual(block.first, "model \(offset + 1) \(run.model.path) (\(try fingerprint(run.directory, run.model.lastPathComponent)))")
            XCTAssertEqual(block.dropFirst().first, "training data train \(run.directory.path)/train.tsv (300 rows), "
                + "dev \(run.directory.path)/dev.tsv (60 rows)")
            let schedule = try XCTUnwrap(block.dropFirst(2).first)
            XCTAssertTrue(schedule.hasPrefix("training \(try XCTUnwrap(card).epochsRun) of 4 epochs, best epoch "), schedule)
            XCTAssertTrue(schedule.hasSuffix(", adam lr 0.02, batch 16, seed \(offset == 0 ? 42 : 7)"), schedule)
        }
        XCTAssertFalse(rows.contains { $0.hasPrefix("training data") && !$0.hasPrefix("training data train") }, info.stdout)
    }

    func testModelsOfAnotherShapeAndOverwritingAnInputAreRefused() throws {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("a.safetensors"), probabilities: [0.9, 0.1])
        try writeConstantModel(to: folder.appendingPathComponent("three.safetensors"), probabilities: [0.2, 0.3, 0.5],
                               labels: ["negative", "neutral", "positive"])
        let before = try Data(contentsOf: folder.appendingPathComponent("a.safetensors"))

        let mixed = try run(["average", "-o", "soup.safetensors", "a.safetensors", "three.safetensors"], currentDirectory: folder)
        XCTAssertEqual(mixed.status, 2)
        XCTAssertEqual(mixed.stderr, "sentiment: three.safetensors: cannot be averaged with a.safetensors: "
            + "the classes differ (negative, neutral, positive against negative, positive)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("soup.safetensors").path))

        let onto = try run(["average", "-o", "a.safetensors", "a.safetensors", "a.safetensors"], currentDirectory: folder)
        XCTAssertEqual(onto.status, 2)
        XCTAssertTrue(onto.stderr.hasPrefix("sentiment: a.safetensors: "), onto.stderr)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("a.safetensors")), before)

        let alone = try run(["average", "-o", "soup.safetensors", "a.safetensors"], currentDirectory: folder)
        XCTAssertEqual(alone.status, 2)
        XCTAssertTrue(alone.stderr.contains("at least two models"), alone.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("soup.safetensors").path))
    }

    private func fingerprint(_ folder: URL, _ file: String) throws -> String {
        String(try SentimentModel.load(contentsOf: folder.appendingPathComponent(file)).fingerprint.prefix(12))
    }
}
