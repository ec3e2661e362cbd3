import Text
import Vocabulary
import XCTest
@testable import Model

final class TextEncoderTests: XCTestCase {
    func testHeadAndTailAreKeptAndTheMiddleDropped() {
        let ids = (1...20).map(Int32.init)
        XCTAssertEqual(truncatedHeadAndTail(ids, maxLength: 8), [1, 2, 15, 16, 17, 18, 19, 20])
        XCTAssertEqual(truncatedHeadAndTail(ids, maxLength: 3), [18, 19, 20], "a quarter of 3 is 0 tokens of head")
        XCTAssertEqual(truncatedHeadAndTail(ids, maxLength: 4), [1, 18, 19, 20])
        XCTAssertEqual(truncatedHeadAndTail(ids, maxLength: 20), ids)
        XCTAssertEqual(truncatedHeadAndTail(ids, maxLength: nil), ids)
    }

    func testEncoderMapsTokensAndTruncates() {
        let encoder = TextEncoder(tokenizer: Tokenizer(), vocabulary: ModelFixtures.vocabulary, maxLength: 4)
        XCTAssertEqual(encoder.encode("good film"), [2, 4])
        XCTAssertEqual(encoder.encode("not a good film , awful"), [5, 4, 1, 7])
    }

    func testTextWithoutTokensEncodesAsUnknown() {
        let encoder = TextEncoder(tokenizer: Tokenizer(), vocabulary: ModelFixtures.vocabulary, maxLength: nil)
        XCTAssertEqual(encoder.encode(""), [Vocabulary.unknownID])
        XCTAssertEqual(encoder.encode("   "), [Vocabulary.unknownID])
    }
}
