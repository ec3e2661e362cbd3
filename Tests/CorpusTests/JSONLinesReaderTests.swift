import XCTest
@testable import Corpus

final class JSONLinesReaderTests: CorpusTestCase {
    func testStringAndIntegerLabels() throws {
        let path = try write("""
            {"text": "loved it", "label": "pos"}

            {"label": 0, "text": "meh \\"ok\\"\\nline", "extra": [1, {"a": null}]}
            {"sentence": "from another key", "label": " neg ", "score": 0.5}
            """, to: "a.jsonl")
        XCTAssertEqual(try pairs(path), [["pos", "loved it"], ["0", "meh \"ok\"\nline"], ["neg", "from another key"]])
        XCTAssertEqual(try CorpusReader(path: path).readAll().map(\.line), [1, 3, 4])
    }

    func testChosenKeys() throws {
        let path = try write("{\"stars\": 5, \"body\": \"great\"}\n", to: "k.jsonl")
        XCTAssertEqual(try pairs(path, CorpusReadOptions(labelColumn: "stars", textColumn: "body")), [["5", "great"]])
    }

    func testMalformedRows() throws {
        let cases: [(String, String)] = [
            ("{\"text\": \"x\", \"label\": \"pos\"", "bad JSON: not a valid JSON object"),
            ("[\"x\", \"pos\"]", "bad JSON: expected one JSON object per line"),
            ("{\"text\": \"no label here\"}", "no label: no \"label\" key"),
            ("{\"text\": \"x\", \"label\": null}", "no label: \"label\" is null"),
            ("{\"text\": null, \"label\": \"pos\"}", "no text: \"text\" is null"),
            ("{\"text\": \"x\", \"label\": 1.5}", "bad label: \"label\" must be a string or an integer"),
            ("{\"text\": \"x\", \"label\": true}", "bad label: \"label\" must be a string or an integer"),
            ("{\"text\": \"x\", \"label\": \"\"}", "no label: \"label\" is empty"),
            ("{\"label\": \"pos\"}", "no text: no \"text\" key"),
            ("{\"label\": \"pos\", \"text\": 3}", "no text: \"text\" must be a string"),
        ]
        for (row, why) in cases {
            let path = try write("{\"text\": \"fine\", \"label\": \"pos\"}\n\(row)\n", to: "bad.jsonl")
            XCTAssertEqual(errorMessage(path), "bad.jsonl:2: \(why)", row)
        }
    }

    /// Texts to classify (no labels): a null text is a blank row, as "" is (it stopped the
    /// run with "no \"text\" key", though the key is there).
    func testANullTextToClassifyIsABlankRow() throws {
        let path = try write("{\"text\": \"a\"}\n{\"text\": null}\n{\"text\": \"\"}\n", to: "u.jsonl")
        var options = CorpusReadOptions(format: .jsonl)
        options.requiresLabels = false
        var rows: [String] = []
        _ = try CorpusReader(path: path, options: options).forEach { rows.append($0.text) }
        XCTAssertEqual(rows, ["a", "", ""])
    }

    func testSkipBadRows() throws {
        let path = try write("{\"text\": \"a\", \"label\": 1}\nnot json\n{\"text\": \"b\", \"label\": 0}\n", to: "s.jsonl")
        let reader = CorpusReader(path: path, options: CorpusReadOptions(skipBadRows: true))
        var rows: [String] = []
        XCTAssertEqual(try reader.forEach { rows.append($0.text) }, 1)
        XCTAssertEqual(rows, ["a", "b"])
    }
}
