import XCTest
@testable import Store

final class TextKeyTests: XCTestCase {
    func testWhitespaceRunsAndEndsDoNotChangeTheKey() {
        XCTAssertEqual(TextKey(text: "  great \t movie\r\n"), TextKey(text: "great movie"))
    }

    func testCaseAndPunctuationChangeTheKey() {
        XCTAssertNotEqual(TextKey(text: "Great movie"), TextKey(text: "great movie"))
        XCTAssertNotEqual(TextKey(text: "great movie!"), TextKey(text: "great movie"))
    }

    func testKeyIsTheDigestOfTheNormalizedText() {
        XCTAssertEqual(TextKey(text: " a  b ").hex, SHA256.hexDigest(Array("a b".utf8)))
    }
}
