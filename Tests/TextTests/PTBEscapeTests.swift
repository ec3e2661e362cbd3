import Text
import XCTest

final class PTBEscapeTests: XCTestCase {
    private let ptb = TokenizerOptions(unescapePTBBrackets: true)

    func testBracketsAreUnescaped() {
        assertTokens(
            "-lrb- a -rrb- -lsb- b -rsb- -lcb- c -rcb-", "( a ) [ b ] { c }", options: ptb)
        assertTokens("-LRB- x -RRB-", "( x )", options: ptb)
    }

    func testQuotesAreUnescaped() {
        assertTokens("`` hi '' ` there '", "\" hi \" ' there '", options: ptb)
    }

    func testWithoutTheOptionEscapesStay() {
        assertTokens("-lrb- a -rrb-", "- lrb - a - rrb -")
    }

    func testOtherHyphenatedWordsAreUntouched() {
        assertTokens("-foo- x-lrb", "- foo - x-lrb", options: ptb)
    }

    func testPTBCorpusLineMeetsRawText() {
        let corpus = Tokenizer(options: ptb).tokenize("it 's not -lrb- quite -rrb- bad , is n't it ?")
        let raw = Tokenizer().tokenize("It's not (quite) bad, isn't it?")
        XCTAssertEqual(corpus, raw)
    }
}
