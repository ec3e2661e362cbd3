import Text
import XCTest

final class EmojiTests: XCTestCase {
    func testSkinToneStaysWithItsEmoji() {
        assertTokens("👍🏽", "👍🏽")
        assertTokens("great👍🏽👍", "great 👍🏽 👍")
    }

    func testZWJSequenceIsOneToken() {
        assertTokens("family: 👨‍👩‍👧!", "family : 👨‍👩‍👧 !")
    }

    func testFlagsAreOneTokenEach() {
        assertTokens("🇺🇸🇬🇧", "🇺🇸 🇬🇧")
    }

    func testSubdivisionFlagKeepsItsTags() {
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        XCTAssertEqual(Tokenizer().tokenize("go \(scotland)"), ["go", scotland])
    }

    func testVariationSelectorIsDropped() {
        // NFKC_Casefold removes U+FE0F, so ❤️ and ❤ are one token.
        assertTokens("❤️ ❤", "❤ ❤")
    }

    func testConsecutiveEmojiAreSeparateTokens() {
        assertTokens("😂😍", "😂 😍")
    }
}
