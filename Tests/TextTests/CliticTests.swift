import Text
import XCTest

final class CliticTests: XCTestCase {
    func testNegationSplitsBeforeTheN() {
        assertTokens("doesn't can't won't ain't isn't", "does n't ca n't wo n't ai n't is n't")
    }

    func testApostropheCliticsSplit() {
        assertTokens("I'm they're we'll I've she'd John's", "i 'm they 're we 'll i 've she 'd john 's")
    }

    func testStackedCliticsSplitFromTheEnd() {
        assertTokens("couldn't've", "could n't 've")
    }

    func testAlreadySplitInputGivesTheSameTokens() {
        assertTokens("does n't ca n't wo n't", "does n't ca n't wo n't")
        assertTokens("i 'm they 're we 'll i 've she 'd john 's", "i 'm they 're we 'll i 've she 'd john 's")
        XCTAssertEqual(Tokenizer().tokenize("it 's"), Tokenizer().tokenize("it's"))
    }

    func testCurlyApostrophesSplitLikeStraightOnes() {
        assertTokens("doesn’t I’m John’s", "does n't i 'm john 's")
    }

    func testCaseFoldedCliticsSplit() {
        assertTokens("DON'T I'M", "do n't i 'm")
    }

    func testOtherApostrophesStay() {
        assertTokens("o'clock y'all rock'n'roll", "o'clock y'all rock'n'roll")
        assertTokens("the students' books", "the students ' books")
    }

    func testPTBWordSplits() {
        assertTokens("cannot gonna wanna gotta", "can not gon na wan na got ta")
    }
}

final class CliticLimitTests: XCTestCase {
    func testAtMostEightCliticsSplitFromOneWord() {
        let word = "x" + String(repeating: "'s", count: 20)
        let tokens = Tokenizer().tokenize(word)
        XCTAssertEqual(tokens.count, 9)
        XCTAssertEqual(tokens.first, "x" + String(repeating: "'s", count: 12))
        XCTAssertEqual(Array(tokens.dropFirst()), Array(repeating: "'s", count: 8))
    }
}
