import XCTest
@testable import Corpus

final class FormatDetectionTests: CorpusTestCase {
    func testByExtension() throws {
        XCTAssertEqual(CorpusFormat(extensionOf: "a/b.TSV"), .tsv)
        XCTAssertEqual(CorpusFormat(extensionOf: "b.csv"), .csv)
        XCTAssertEqual(CorpusFormat(extensionOf: "b.ndjson"), .jsonl)
        XCTAssertEqual(CorpusFormat(extensionOf: "b.ft"), .fasttext)
        XCTAssertNil(CorpusFormat(extensionOf: "b.txt"))
        XCTAssertNil(CorpusFormat(extensionOf: "dir.v2/file"))
    }

    func testByContent() throws {
        let cases: [(String, CorpusFormat)] = [
            ("\n  {\"text\": \"a\", \"label\": 1}\n", .jsonl),
            ("__label__pos hi\n", .fasttext),
            ("label\ttext\npos\thi, you\n", .tsv),
            ("label,text\npos,hi\n", .csv),
        ]
        for (contents, format) in cases {
            let path = try write(contents, to: "data.txt")
            XCTAssertEqual(try CorpusReader(path: path).resolvedFormat(), format, contents)
            XCTAssertEqual(try CorpusReader(path: path).readAll().count, 1, contents)
        }
        try write("x", to: "f/pos/1.txt")
        XCTAssertEqual(try CorpusReader(path: directory.appendingPathComponent("f").path).resolvedFormat(), .folders)
    }

    func testExplicitFormatOverridesExtension() throws {
        let path = try write("__label__pos hi\n", to: "data.tsv")
        XCTAssertEqual(try pairs(path, CorpusReadOptions(format: .fasttext)), [["pos", "hi"]])
    }
}
