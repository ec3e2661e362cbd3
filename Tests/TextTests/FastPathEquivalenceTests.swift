@testable import Text
import XCTest

/// Plain ASCII chunks skip ICU (`ASCIIFastPath.swift`); the tokens must be exactly
/// those ICU's word breaking gives.
final class FastPathEquivalenceTests: XCTestCase {
    private func assertFastPathMatchesICU(_ text: String, options: TokenizerOptions, file: StaticString = #filePath, line: UInt = #line) {
        let fast = Tokenizer(options: options)
        var icuOnly = Tokenizer(options: options)
        icuOnly.usesASCIIFastPath = false
        XCTAssertEqual(fast.tokenize(text), icuOnly.tokenize(text), "text \(text.debugDescription)", file: file, line: line)
    }

    func testEnglishSentencesMatch() {
        let sentences = [
            "(Honestly) the film wasn't \"great\", but it's fine... really!!! Isn't it?",
            "I'd've liked it more; 10 out of 10, 1st rate - or 3rd? o'clock y'all ain't.",
            "\"quoted\" (parens) end. end.. end... 42 4,2 4.2 a1 1a don't'",
            "<br /><br />A well-made, long-winded film--with $5 tickets & 100% fun; x:y a:1 1:a 3;4 a-1 -lrb- x -rrb-",
            "``quoted'' 'single' -- - --- a--b a-b-c x-'s",
        ]
        for sentence in sentences {
            assertFastPathMatchesICU(sentence, options: TokenizerOptions())
            assertFastPathMatchesICU(sentence, options: TokenizerOptions(unescapePTBBrackets: true))
        }
    }

    func testRandomTextMatches() {
        let alphabet: [String] = Array("abcdefghijklmnopqrstuvwxyzABCNT0123456789").map(String.init)
            + ["'", "'", ".", ".", ",", "!", "?", "(", ")", "\"", "-", "-", ":", ";", "`", "_", "@", "#", "/"]
            + ["<", ">", "[", "]", "{", "}", "*", "+", "=", "&", "%", "$", "~", "|", "^", "\\", "\u{0}"]
            + [" ", " ", " ", " ", "\n", "é", "’", "😂", "\u{301}"]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            // SplitMix64: reproducible failures
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined()
            assertFastPathMatchesICU(text, options: TokenizerOptions())
            assertFastPathMatchesICU(text, options: TokenizerOptions(unescapePTBBrackets: true))
        }
    }

    func testRandomWordLikeChunksMatch() {
        // Chunks built from the pieces the fast path handles, and their near misses.
        let pieces = [
            "word", "Film", "a", "x1", "42", "'s", "n't", "don't", "-", "--", ".", "...", ",", ";", ":", "!", "?",
            "(", ")", "\"", "<br", "/>", "$", "%", "1,000", "3.5", "a:b", "'", "`", "-lrb-", "''", "_", "é", "e.g",
        ]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let chunks = (0..<(1 + next(4))).map { _ in
                (0..<(1 + next(4))).map { _ in pieces[next(pieces.count)] }.joined()
            }
            let text = chunks.joined(separator: next(5) == 0 ? "\n" : " ")
            assertFastPathMatchesICU(text, options: TokenizerOptions())
            assertFastPathMatchesICU(text, options: TokenizerOptions(unescapePTBBrackets: true))
        }
    }
}
