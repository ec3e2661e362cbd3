import Foundation
import XCTest
@testable import Model

/// `jsonString` escapes what JSON requires and nothing else, and what it writes parses
/// back to the same text.
final class JSONStringTests: XCTestCase {
    func testEscapesQuotesBackslashesAndControlCharacters() {
        XCTAssertEqual(jsonString("plain"), "\"plain\"")
        XCTAssertEqual(jsonString(""), "\"\"")
        XCTAssertEqual(jsonString("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"")
        XCTAssertEqual(jsonString("one\ntwo\r\tthree"), "\"one\\ntwo\\r\\tthree\"")
        XCTAssertEqual(jsonString("\u{01}\u{1F}\u{7F}"), "\"\\u0001\\u001f\u{7F}\"")
    }

    func testKeepsCharactersOutsideASCIIAsTheyAre() {
        XCTAssertEqual(jsonString("café 👍🏽 naïve"), "\"café 👍🏽 naïve\"")
    }

    func testParsesBackToTheSameText() throws {
        let texts = ["<pad>\n<unk>\nthe\n,\n's\nn't", "tab\there \"quoted\" back\\slash", "\u{00}\u{08}\u{0C}é😀"]
        for text in texts {
            let data = Data("[\(jsonString(text))]".utf8)
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String])
            XCTAssertEqual(parsed, [text])
        }
    }
}
