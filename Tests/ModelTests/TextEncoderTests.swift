import Foundation
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

final class EmojiNameReadingTests: XCTestCase {
    /// "thumbs" and "up" are known, "sign" is not; 😡 is known as itself.
    private let vocabulary = Vocabulary(
        tokens: ["<pad>", "<unk>", "good", "thumbs", "up", "😡", "pile", "of"],
        counts: [0, 0, 9, 8, 7, 6, 5, 4])

    private func encoder(emojiNames: Bool, maxLength: Int? = nil) -> TextEncoder {
        TextEncoder(tokenizer: Tokenizer(options: TokenizerOptions(emojiNames: emojiNames)),
                    vocabulary: vocabulary, maxLength: maxLength)
    }

    func testAnUnknownEmojiReadsAsTheKnownWordsOfItsName() {
        XCTAssertEqual(encoder(emojiNames: true).encode("good 👍 good"), [2, 3, 4, 2])
        XCTAssertEqual(encoder(emojiNames: false).encode("good 👍 good"), [2, 1, 2], "off: <unk> as before")
    }

    func testKnownEmojiAndEmojiWithoutKnownNameWords() {
        let reader = encoder(emojiNames: true)
        XCTAssertEqual(reader.encode("😡 good"), [5, 2], "an emoji the vocabulary holds is read as itself")
        XCTAssertEqual(reader.encode("qwzx 🚗"), [1, 1], "AUTOMOBILE is unknown, so 🚗 stays one <unk>; so does a word")
        XCTAssertEqual(reader.encode("🍕"), [7], "SLICE OF PIZZA: only 'of' is known")
        XCTAssertEqual(reader.encode("💩💩"), [6, 7, 6, 7], "each emoji of a run is read on its own")
    }

    func testReadingSaysWhereEachPositionCameFrom() {
        let reading = encoder(emojiNames: true).reading("good 👍🏽 qwzx")
        XCTAssertEqual(reading.ids, [2, 3, 4, 1])
        XCTAssertEqual(reading.positions, [ReadPosition(token: 0, nameWord: nil), ReadPosition(token: 1, nameWord: "thumbs"),
                                           ReadPosition(token: 1, nameWord: "up"), ReadPosition(token: 2, nameWord: nil)])
        XCTAssertFalse(reading.truncated)
    }

    func testTruncationCountsTheNameWords() {
        let reader = encoder(emojiNames: true, maxLength: 4)
        let text = "good 👍 good good 👍"
        // Positions: good thumbs up good good thumbs up (7); a quarter of 4 from the head.
        XCTAssertEqual(reader.encode(text), [2, 2, 3, 4])
        let reading = reader.reading(text)
        XCTAssertEqual(reading.ids, reader.encode(text))
        XCTAssertEqual(reading.positions.map(\.token), [0, 3, 4, 4])
        XCTAssertTrue(reading.truncated)
    }

    func testTheOptionIsStoredOnlyWhenOnAndOlderFilesReadItAsOff() throws {
        let off = try JSONEncoder().encode(TokenizerOptions(unescapePTBBrackets: true))
        XCTAssertEqual(String(decoding: off, as: UTF8.self), #"{"unescapePTBBrackets":true}"#)
        let on = TokenizerOptions(unescapePTBBrackets: true, emojiNames: true)
        XCTAssertEqual(try JSONDecoder().decode(TokenizerOptions.self, from: JSONEncoder().encode(on)), on)
        XCTAssertFalse(try JSONDecoder().decode(TokenizerOptions.self, from: Data(#"{"unescapePTBBrackets":false}"#.utf8)).emojiNames)
    }
}
