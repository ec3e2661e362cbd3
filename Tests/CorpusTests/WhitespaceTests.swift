import XCTest
@testable import Corpus

/// `trimmed` and `isBlank` decide most fields from one byte; they must give what the
/// character-by-character definition gives for every text, shortcut or not.
final class WhitespaceTests: XCTestCase {
    private func slowTrimmed(_ text: String) -> String {
        var characters = Substring(text)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }

    func testAgreesWithTheCharacterDefinition() {
        let pieces = ["a", "pos", "1", "~", "!", " ", "\t", "\r\n", "\n", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{85}",
                      "e\u{301}", "\u{301}", "é", "😀", "\u{1F}", "\u{7F}", "\u{0600}1", ""]
        var texts = pieces
        for a in pieces { for b in pieces { texts.append(a + b); for c in ["x y", " "] { texts.append(a + c + b) } } }
        for text in texts {
            XCTAssertEqual(trimmed(text), slowTrimmed(text), "trimmed(\(text.unicodeScalars.map { $0.value }))")
            XCTAssertEqual(isBlank(text), text.allSatisfy(\.isWhitespace), "isBlank(\(text.unicodeScalars.map { $0.value }))")
        }
    }

    func testTrimsUnicodeSpaceAtTheEnds() {
        XCTAssertEqual(trimmed("\u{00A0} positive\u{3000}"), "positive")
        XCTAssertEqual(trimmed("positive"), "positive")
        XCTAssertTrue(isBlank("\u{2003}\t "))
        XCTAssertFalse(isBlank("\u{2003}x"))
        XCTAssertTrue(isBlank(""))
    }
}
