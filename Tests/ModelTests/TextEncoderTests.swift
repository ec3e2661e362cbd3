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

final class ElongatedWordReadingTests: XCTestCase {
    private let vocabulary = Vocabulary(
        tokens: ["<pad>", "<unk>", "good", "great", "soo", "so", "cool", "greeeat", "amazing", "god"],
        counts: [0, 0, 9, 8, 7, 6, 5, 4, 3, 2])

    private func spelling(_ token: String) -> String? {
        Array(token.utf8).withUnsafeBufferPointer { vocabulary.shortenedSpelling(of: $0)?.spelling }
    }

    private func encoder(shortenElongations: Bool) -> TextEncoder {
        TextEncoder(tokenizer: Tokenizer(options: TokenizerOptions(shortenElongations: shortenElongations)),
                    vocabulary: vocabulary, maxLength: nil)
    }

    /// Each run of three cut to two before one, the leftmost run changing last.
    func testRunsOfThreeAreCutToTwoBeforeOne() {
        XCTAssertEqual(spelling("goood"), "good", "two o's is the first spelling tried")
        XCTAssertEqual(spelling("grrreeeat"), "great", "grreeat, grreat, greeat, great: the fourth is held")
        XCTAssertEqual(spelling("goooddd"), "good", "goodd is not held, good is; god comes later")
        XCTAssertEqual(spelling("sooo"), "soo", "soo is held, so it wins over so")
        XCTAssertEqual(spelling("coool"), "cool")
        XCTAssertEqual(spelling("amaaazing"), "amazing")
    }

    func testTokensWithoutARunOfThreeOrWithNoHeldSpellingHaveNone() {
        XCTAssertNil(spelling("good"), "no run of three")
        XCTAssertNil(spelling("goodd"), "a run of two is a spelling, not a stretch")
        XCTAssertNil(spelling("1000"), "digits are never cut")
        XCTAssertNil(spelling("qwzzzx"), "neither qwzzx nor qwzx is held")
        XCTAssertNil(spelling(""))
    }

    func testTheEncoderReadsUnknownStretchedWordsOnlyWhenTheOptionIsOn() {
        // greeeat is in this vocabulary: read as itself either way.
        XCTAssertEqual(encoder(shortenElongations: true).encode("greeeat amaaaazing film"), [7, 8, 1])
        XCTAssertEqual(encoder(shortenElongations: false).encode("greeeat amaaaazing film"), [7, 1, 1])
        let reading = encoder(shortenElongations: true).reading("so amaaaazing")
        XCTAssertEqual(reading.positions, [ReadPosition(token: 0, nameWord: nil),
                                           ReadPosition(token: 1, nameWord: nil, spelling: "amazing")])
    }
}

final class EmoticonFamilyReadingTests: XCTestCase {
    private let vocabulary = Vocabulary(
        tokens: ["<pad>", "<unk>", "late", ":(", ":-(", ":)", ";)"],
        counts: [0, 0, 9, 8, 7, 6, 5])

    private func encoder(emoticonFamilies: Bool) -> TextEncoder {
        TextEncoder(tokenizer: Tokenizer(options: TokenizerOptions(emoticonFamilies: emoticonFamilies)),
                    vocabulary: vocabulary, maxLength: nil)
    }

    /// On, every spelling of a face reads as the family's plain spelling, even one the
    /// vocabulary holds itself (`:-(`); off, each reads as written.
    func testTheEncoderReadsEmoticonsByFamilyOnlyWhenTheOptionIsOn() {
        XCTAssertEqual(encoder(emoticonFamilies: true).encode("late :-( =( :(( :-) ;-)"), [2, 3, 3, 3, 5, 6])
        XCTAssertEqual(encoder(emoticonFamilies: false).encode("late :-( =( :(( :-) ;-)"), [2, 4, 1, 1, 1, 1])
        let reading = encoder(emoticonFamilies: true).reading("late :-(")
        XCTAssertEqual(reading.positions, [ReadPosition(token: 0, nameWord: nil),
                                           ReadPosition(token: 1, nameWord: nil, spelling: ":(")])
    }

    /// A family whose plain spelling the vocabulary lacks reads as written (here <unk>, or
    /// the token's own id).
    func testAFamilyTheVocabularyLacksReadsAsWritten() {
        XCTAssertEqual(encoder(emoticonFamilies: true).encode(":-d :p"), [1, 1])
        XCTAssertEqual(encoder(emoticonFamilies: true).reading(":(").positions, [ReadPosition(token: 0, nameWord: nil)])
    }
}

final class ReadingOptionStorageTests: XCTestCase {
    /// Each way of reading added after the first model files is stored only when on, so
    /// files saved before it keep their bytes.
    func testEachOptionIsWrittenOnlyWhenOn() throws {
        let off = String(decoding: try JSONEncoder().encode(TokenizerOptions()), as: UTF8.self)
        for (key, on, summary) in [("shortenElongations", TokenizerOptions(shortenElongations: true),
                                    "ICU, unknown elongated words read shortened"),
                                   ("emoticonFamilies", TokenizerOptions(emoticonFamilies: true),
                                    "ICU, emoticons read by family")] {
            XCTAssertFalse(off.contains(key), off)
            XCTAssertEqual(try JSONDecoder().decode(TokenizerOptions.self, from: JSONEncoder().encode(on)), on)
            XCTAssertEqual(on.summary, summary)
        }
    }
}
