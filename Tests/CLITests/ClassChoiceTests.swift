import Foundation
import XCTest

/// `--classes` on every classifying command, and eval's restriction to a file's classes.
final class ClassChoiceTests: CLITestCase {
    /// A three-class model that answers (0.25, 0.40, 0.35) for every text: over negative
    /// and positive alone that is (0.25, 0.35) / 0.60 = (0.4167, 0.5833).
    private func threeClassModel() throws -> URL {
        let model = try makeTemporaryDirectory().appendingPathComponent("three.safetensors")
        try writeConstantModel(to: model, probabilities: [0.25, 0.40, 0.35], labels: ["negative", "neutral", "positive"])
        return model
    }

    func testRootCommandRenormalizesOverTheChosenClasses() throws {
        let model = try threeClassModel()
        let whole = try run(["--model", model.path, "good"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertEqual(whole.stdout, "neutral\t0.4000\tgood\n")
        let chosen = try run(["--model", model.path, "--classes", "negative,positive", "good"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertEqual(chosen.stdout, "positive\t0.5833\tgood\n")
    }

    func testPredictShowsOnlyTheChosenClassesProbabilities() throws {
        let model = try threeClassModel()
        let result = try run(["predict", "--model", model.path, "--no-cache", "--format", "jsonl", "--classes", "positive,negative"],
                             stdin: "good\n\nbad\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let line = "{\"label\":\"positive\",\"confidence\":0.5833,\"probabilities\":{\"negative\":0.4167,\"positive\":0.5833}}"
        XCTAssertEqual(result.stdout, line + "\n{\"label\":null,\"confidence\":null,\"probabilities\":null}\n" + line + "\n")
    }

    func testClassifyColumnsFollowTheChosenClasses() throws {
        let model = try threeClassModel()
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("lines.txt")
        try "good\nbad\n".write(to: input, atomically: true, encoding: .utf8)
        let result = try run(["classify", "--model", model.path, "--no-cache", "--lines", "--classes", "neutral,negative", input.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            path\tline\tlabel\tconfidence\tnegative\tneutral
            \(input.path)\t1\tneutral\t0.6154\t0.3846\t0.6154
            \(input.path)\t2\tneutral\t0.6154\t0.3846\t0.6154

            """)
    }

    func testTheCacheKeepsTheWholeAnswer() throws {
        let model = try threeClassModel()
        let db = try makeTemporaryDirectory().appendingPathComponent("cache.sqlite").path
        let restricted = try run(["predict", "--model", model.path, "--db", db, "--classes", "negative,positive"], stdin: "good\n")
        XCTAssertEqual(restricted.stdout, "positive\t0.5833\n")
        let whole = try run(["predict", "--model", model.path, "--db", db], stdin: "good\n")
        XCTAssertEqual(whole.stdout, "neutral\t0.4000\n")
    }

    func testUnknownOrTooFewClassesAreUsageErrors() throws {
        let model = try threeClassModel()
        for (classes, message) in [
            ("negative,upbeat", "sentiment: --classes: the model has no class 'upbeat'; its classes are negative, neutral, positive\n"),
            ("positive", "sentiment: --classes: choose at least two of the model's classes (negative, neutral, positive)\n"),
            ("positive,positive", "sentiment: --classes: 'positive' is given twice\n"),
        ] {
            for command in [["--model", model.path, "--classes", classes, "good"],
                            ["predict", "--model", model.path, "--no-cache", "--classes", classes]] {
                let result = try run(command, stdin: "good\n")
                XCTAssertEqual(result.status, 2, "\(command) \(classes)")
                XCTAssertEqual(result.stderr, message, "\(command) \(classes)")
                XCTAssertEqual(result.stdout, "")
            }
        }
    }

    /// Three positive rows and one negative, each answered positive at 0.5833 once the
    /// decision is between negative and positive: accuracy 0.75, ECE |0.75 − 0.5833|,
    /// NLL −(3 ln 0.5833 + ln 0.4167) / 4, Brier (3 · 2 · 0.4167² + 0.5833² · 2) / 4.
    func testEvalRestrictsItselfToTheFilesClassesAndSaysSo() throws {
        let model = try threeClassModel()
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("binary.tsv")
        try "label\ttext\npositive\tgood\npositive\tfine\nnegative\tbad\npositive\tgreat\n"
            .write(to: data, atomically: true, encoding: .utf8)
        let json = try run(["eval", "--model", model.path, "--no-cache", "--format", "json", data.path])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["classes"] as? [String], ["negative", "positive"])
        XCTAssertEqual(object["model_classes"] as? Int, 3)
        XCTAssertEqual(try XCTUnwrap(object["accuracy"] as? Double), 0.75, accuracy: 1e-6)
        let p = 0.35 / 0.60
        XCTAssertEqual(try XCTUnwrap(object["ece"] as? Double), 0.75 - p, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(object["nll"] as? Double), -(3 * log(p) + log(1 - p)) / 4, accuracy: 1e-4)
        let brier = (3 * 2 * (1 - p) * (1 - p) + 2 * p * p) / 4
        XCTAssertEqual(try XCTUnwrap(object["brier"] as? Double), brier, accuracy: 1e-4)
        XCTAssertEqual(object["confusion"] as? [[Int]], [[0, 1], [0, 3]])

        let text = try run(["eval", "--model", model.path, "--no-cache", data.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains(
            "classes    scored over 2 of the model's 3 classes (negative, positive, the file's labels)\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("ECE        0.1667  (15 confidence bins)\n"), text.stdout)
    }

    func testEvalWithClassesRejectsARowOutsideThem() throws {
        let model = try threeClassModel()
        let data = try makeTemporaryDirectory().appendingPathComponent("three.tsv")
        try "label\ttext\npositive\tgood\nneutral\tit is a chair\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--model", model.path, "--no-cache", "--classes", "negative,positive", data.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr,
                       "sentiment: \(data.path):3: label 'neutral' is not one of the classes given to --classes (negative, positive)\n")
    }

    func testReliabilityDiagramIsAnSVGWithOneBarPerFilledBin() throws {
        let model = try threeClassModel()
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("binary.tsv")
        try "label\ttext\npositive\tgood\nnegative\tbad\npositive\tgreat\n".write(to: data, atomically: true, encoding: .utf8)
        let picture = directory.appendingPathComponent("reliability.svg")
        let result = try run(["eval", "--model", model.path, "--no-cache", "--reliability", picture.path, data.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let svg = try String(contentsOf: picture, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg)
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertFalse(svg.contains("href"), "self-contained: no links")
        XCTAssertFalse(svg.contains("<script"))
        // Every text answers 0.5833: one filled bin, (0.53, 0.60], with its 3 examples.
        XCTAssertEqual(svg.components(separatedBy: "<title>confidence ").count - 1, 1, svg)
        XCTAssertTrue(svg.contains("<title>confidence 0.53–0.60: 3 examples, accuracy 0.667, mean confidence 0.583</title>"), svg)
        XCTAssertTrue(svg.contains(">accuracy</text>") && svg.contains("confidence (probability of the predicted class)"))
        XCTAssertTrue(svg.contains("ECE 0.0833 over 15 bins"), svg)
        // Scored over two of the model's three classes, and the picture says so.
        XCTAssertTrue(svg.contains(">examples per bin <tspan fill=\"#555\" font-size=\"11\">· negative and positive only, "
            + "the file's classes</tspan></text>"), svg)
    }
}
