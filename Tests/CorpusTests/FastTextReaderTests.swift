import XCTest
@testable import Corpus

final class FastTextReaderTests: CorpusTestCase {
    func testLabelsAndText() throws {
        let path = try write("__label__pos  great film 👍\n\n__label__neg\tnot good :(\r\n", to: "a.ft")
        XCTAssertEqual(try pairs(path), [["pos", "great film 👍"], ["neg", "not good :("]])
        XCTAssertEqual(try CorpusReader(path: path).readAll().map(\.line), [1, 3])
    }

    func testMalformedRows() throws {
        let cases: [(String, String)] = [
            ("no label at all", "no label: expected __label__NAME before the text"),
            ("__label__ text", "no label: __label__ with no name"),
            ("__label__pos", "no text: nothing after the label"),
            ("__label__pos __label__neg mixed", "several labels (pos, neg); one label per example is supported"),
        ]
        for (row, why) in cases {
            let path = try write("__label__pos ok\n\(row)\n", to: "bad.ft")
            XCTAssertEqual(errorMessage(path), "bad.ft:2: \(why)", row)
        }
    }
}
