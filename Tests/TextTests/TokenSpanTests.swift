import Text
import XCTest

/// Where each token stands in the text as written (`explain` shows these offsets).
final class TokenSpanTests: XCTestCase {
    private func spans(_ text: String) -> [String] {
        Tokenizer().tokenSpans(in: text).map { span in
            "\(span.token)@" + (span.range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "nil")
        }
    }

    func testTokensAreFoundCaseFoldedInOrder() {
        XCTAssertEqual(spans("Good film, GOOD cast"), ["good@0-4", "film@5-9", ",@9-10", "good@11-15", "cast@16-20"])
    }

    /// The tokenizer keeps three of a repeated letter; the span covers every one written.
    func testAStretchedWordSpansAllItsLetters() {
        XCTAssertEqual(spans("soooooo goooood!"), ["sooo@0-7", "goood@8-15", "!@15-16"])
        XCTAssertEqual(spans("aaa bbbb"), ["aaa@0-3", "bbb@4-8"])
        XCTAssertEqual(spans("10000 dollars"), ["10000@0-5", "dollars@6-13"], "digits are not cut, nor stretched")
    }
}
