import Text
import XCTest

final class PunctuationTests: XCTestCase {
    func testExclamationAndQuestionMarksAreOneTokenEach() {
        assertTokens("what?! no!!!", "what ? ! no ! ! !")
    }

    func testEllipsisAndDashRunsAreOneToken() {
        assertTokens("well... ok -- fine…", "well ... ok -- fine ...")
        assertTokens("so—long", "so -- long")
    }

    func testHyphenatedWordsStayWhole() {
        assertTokens("a well-made sci-fi coming-of-age film", "a well-made sci-fi coming-of-age film")
    }

    func testNumbersStayWhole() {
        assertTokens("$5.50 or 3.5% of 1,000", "$ 5.50 or 3.5 % of 1,000")
    }

    func testTimesStayWhole() {
        assertTokens("at 10:30, 3:0 or 1:2:3 but a:1", "at 10:30 , 3:0 or 1:2:3 but a : 1")
    }

    func testAbbreviationsKeepTheirPeriod() {
        assertTokens("the U.S. team, e.g. this. x.io.", "the u.s. team , e.g. this . x.io .")
    }

    func testQuotesAreTokens() {
        assertTokens("\"hi\" 'there'", "\" hi \" ' there '")
    }
}
