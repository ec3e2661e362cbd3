import Text
import XCTest

final class RobustnessTests: XCTestCase {
    func testEmptyAndWhiteSpaceOnlyGiveNoTokens() {
        assertTokens("", "")
        assertTokens(" \t\n\r\n  \u{A0}\u{3000} ", "")
    }

    func testInvalidUTF8BecomesReplacementCharacter() {
        // a, stray continuation byte, truncated 3-byte sequence, b, overlong NUL, c
        let bytes: [UInt8] = [0x61, 0x20, 0x80, 0x20, 0xE2, 0x82, 0x20, 0x62, 0x20, 0xC0, 0x80, 0x20, 0x63]
        XCTAssertEqual(tokens(ofBytes: bytes), ["a", "\u{FFFD}", "\u{FFFD}", "b", "\u{FFFD}", "\u{FFFD}", "c"])
    }

    func testEncodedLoneSurrogateBecomesReplacementCharacter() {
        // U+D800 encoded in UTF-8 (ED A0 80) is not valid UTF-8: ED cannot start a
        // surrogate, so each byte is its own maximal invalid subpart.
        XCTAssertEqual(
            tokens(ofBytes: [0x78, 0x20, 0xED, 0xA0, 0x80, 0x20, 0x79]), ["x", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "y"])
        // Swift strings already hold U+FFFD in its place.
        let string = String(decoding: [0xD800, 0x61] as [UInt16], as: UTF16.self)
        XCTAssertEqual(Tokenizer().tokenize(string), ["\u{FFFD}", "a"])
    }

    func testNULBytesSeparateTokens() {
        assertTokens("a\u{0}b \u{0}\u{0} c", "a b c")
    }

    func testAThousandCombiningMarksAreCappedNotFatal() {
        let text = "a" + String(repeating: "\u{301}", count: 1000) + " b"
        // The first mark composes with the a; the other 999 are capped at three.
        XCTAssertEqual(Tokenizer().tokenize(text), ["á\u{301}\u{301}\u{301}", "b"])
        let mixed = "x" + String(repeating: "\u{301}\u{316}", count: 500)
        XCTAssertEqual(Tokenizer().tokenize(mixed).count, 1)
    }

    func testTenMegabyteLineOfProse() {
        let sentence = "The film wasn't bad, it's great!!! "
        let line = String(repeating: sentence, count: 10_000_000 / sentence.utf8.count + 1)
        var count = 0
        var last = ""
        Tokenizer().forEachToken(in: line) { token in
            count += 1
            if count % 10_000 == 0 { last = String(decoding: token, as: UTF8.self) }
        }
        XCTAssertEqual(count, (line.utf8.count / sentence.utf8.count) * 12)
        XCTAssertFalse(last.isEmpty)
    }

    func testTenMegabyteLineWithoutSpaces() {
        let line = String(repeating: "ab", count: 5_000_000)
        let tokens = Tokenizer().tokenize(line)
        // Cut into chunks, no crash; every token is a run of "ab".
        XCTAssertFalse(tokens.isEmpty)
        XCTAssertEqual(tokens.joined().utf8.count, 10_000_000)
    }

    func testChunkBoundariesDoNotChangeTokens() {
        let sentence = "Don't stop :) well-made, e.g. @joe http://x.io 👍🏽 "
        let text = String(repeating: sentence, count: 5_000)
        let tokens = Tokenizer().tokenize(text)
        let once = Tokenizer().tokenize(sentence)
        XCTAssertEqual(tokens.count, once.count * 5_000)
        XCTAssertEqual(Array(tokens.suffix(once.count)), once)
    }

    func testHugeExpansionUnderNormalization() {
        // U+FDFA expands to 18 characters under NFKC: four words and three spaces.
        let tokens = Tokenizer().tokenize("\u{FDFA} \u{FDFA} \u{FDFA}")
        XCTAssertEqual(tokens.count, 3 * 4)
        XCTAssertEqual(tokens.joined().unicodeScalars.count, 3 * 15)
    }
}

final class PathologicalChunkTests: XCTestCase {
    func testLongChunksOfSpecialTokenCharactersFinish() {
        for piece in ["@a", ":)", "#a", "a:)", "x@y.zz", "http://", "-lrb-", "'s", "a's", "n't", "<3", "www.", "a-", "1:", "u.s."] {
            let line = String(repeating: piece, count: 200_000 / piece.utf8.count)
            var count = 0
            Tokenizer(options: TokenizerOptions(unescapePTBBrackets: true)).forEachToken(in: line) { _ in count += 1 }
            XCTAssertGreaterThan(count, 0, piece)
        }
    }
}
