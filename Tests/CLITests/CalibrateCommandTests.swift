import Foundation
import XCTest

/// `calibrate` writes a model whose confidence is refitted on the user's labeled rows,
/// reports before and after, and never touches its inputs.
final class CalibrateCommandTests: CLITestCase {
    private let rows = """
        label\ttext
        positive\tthe delivery came early and the box was perfect
        positive\tlovely staff and a very clean room
        positive\ti really enjoyed this book
        positive\tworks great, would buy again
        negative\tthe app crashes every time i open it
        negative\tcold food and a rude waiter
        negative\ti want my money back
        negative\tworst customer service ever
        neutral\tthe meeting moved to room 4
        neutral\tthe store opens at nine on weekdays
        neutral\tshe took the train to work
        neutral\tthe package weighs two kilograms

        """

    func testClassOffsetsAreFittedWrittenAndShownByInfo() throws {
        let folder = try makeTemporaryDirectory()
        try rows.write(to: folder.appendingPathComponent("mine.tsv"), atomically: true, encoding: .utf8)
        let result = try run(["calibrate", "--class-offsets", "-o", "mine.safetensors", "mine.tsv"], currentDirectory: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The default model gets all 12 rows right, so their fit sharpens as far as it goes.
        XCTAssertTrue(result.stderr.hasPrefix("sentiment: warning: mine.tsv: all 12 rows the temperature was fitted on "
            + "are classified correctly, so they cannot tell how confident the model should be"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("; fit on more rows, including some the model gets wrong\n"), result.stderr)
        let report = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(report.first, "model          <embedded default model>")
        XCTAssertTrue(report.contains("data           mine.tsv (12 rows)"), result.stdout)
        XCTAssertTrue(report.contains { $0.hasPrefix("class offsets  negative ") && $0.contains(", neutral ") }, result.stdout)
        XCTAssertEqual(report.last, "wrote          mine.safetensors")
        // NLL on the fit's own rows cannot rise: the old temperature with no offsets is one
        // point of the search.
        let nll = try XCTUnwrap(report.first { $0.hasPrefix("NLL") }).split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(nll.count, 2)
        XCTAssertLessThanOrEqual(nll[1], nll[0])

        let info = try run(["info", "--model", "mine.safetensors"], currentDirectory: folder)
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("fitted on 12 rows of mine.tsv"), info.stdout)
        // The key column is as wide as the card's longest key, which depends on the model.
        XCTAssertTrue(info.stdout.split(separator: "\n").contains {
            $0.hasPrefix("class offsets ") && $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first == "negative"
        }, info.stdout)
        let predict = try run(["predict", "--no-cache", "--model", "mine.safetensors"], stdin: "i want my money back\n",
                              currentDirectory: folder)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        XCTAssertTrue(predict.stdout.hasPrefix("negative\t"), predict.stdout)
    }

    /// A file with two of the default model's three classes is fitted and scored over
    /// those two: calibrate's before and after are what eval reports for the model it read
    /// and the model it wrote.
    func testAFileWithFewerClassesIsFittedAndScoredAsEvalScoresIt() throws {
        let folder = try makeTemporaryDirectory()
        let polar = rows.split(separator: "\n").filter { !$0.hasPrefix("neutral") }.joined(separator: "\n")
            + "\npositive\tcouldn't agree more\nnegative\tnot bad for the price\npositive\tit was fine\n"
        try polar.write(to: folder.appendingPathComponent("polar.tsv"), atomically: true, encoding: .utf8)
        let result = try run(["calibrate", "-o", "out.safetensors", "polar.tsv"], currentDirectory: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(report.contains("classes      fitted and scored over 2 of the model's 3 classes "
            + "(negative, positive, the file's labels), as eval scores"), result.stdout)
        func figures(_ key: String, _ lines: [String]) throws -> [String] {
            try XCTUnwrap(lines.first { $0.hasPrefix(key + " ") }).split(separator: " ").dropFirst().map(String.init)
        }
        let ece = try figures("ECE", report), accuracy = try figures("accuracy", report)
        XCTAssertEqual(ece.count, 3)
        for (model, index) in [(nil, 0), ("out.safetensors", 2)] as [(String?, Int)] {
            let eval = try run(["eval", "--no-cache", "polar.tsv"] + (model.map { ["--model", $0] } ?? []), currentDirectory: folder)
            XCTAssertEqual(eval.status, 0, eval.stderr)
            let lines = eval.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(try figures("ECE", lines).first, ece[index], eval.stdout)
            XCTAssertEqual(try figures("accuracy", lines).first, accuracy[index], eval.stdout)
        }
    }

    func testOffsetsNeedEveryClassAndInputsAreNeverOverwritten() throws {
        let folder = try makeTemporaryDirectory()
        let polar = rows.split(separator: "\n").filter { !$0.hasPrefix("neutral") }.joined(separator: "\n") + "\n"
        try polar.write(to: folder.appendingPathComponent("polar.tsv"), atomically: true, encoding: .utf8)
        let missing = try run(["calibrate", "--class-offsets", "-o", "out.safetensors", "polar.tsv"], currentDirectory: folder)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "sentiment: polar.tsv: no rows labeled neutral; --class-offsets needs every class "
            + "of the model (negative, neutral, positive)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.safetensors").path))

        // Temperature alone is fine on two of the three classes.
        let alone = try run(["calibrate", "-o", "out.safetensors", "polar.tsv"], currentDirectory: folder)
        XCTAssertEqual(alone.status, 0, alone.stderr)
        XCTAssertFalse(alone.stdout.contains("class offsets"), alone.stdout)

        let before = try Data(contentsOf: folder.appendingPathComponent("out.safetensors"))
        let same = try run(["calibrate", "--model", "out.safetensors", "-o", "out.safetensors", "polar.tsv"], currentDirectory: folder)
        XCTAssertEqual(same.status, 2)
        XCTAssertTrue(same.stderr.hasPrefix("sentiment: out.safetensors: "), same.stderr)
        XCTAssertEqual(same.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("out.safetensors")), before)

        try "label\ttext\nhappy\tfine\n".write(to: folder.appendingPathComponent("odd.tsv"), atomically: true, encoding: .utf8)
        let odd = try run(["calibrate", "-o", "y.safetensors", "odd.tsv"], currentDirectory: folder)
        XCTAssertEqual(odd.status, 2)
        XCTAssertTrue(odd.stderr.hasPrefix("sentiment: odd.tsv:2: "), odd.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("y.safetensors").path))
    }
}
