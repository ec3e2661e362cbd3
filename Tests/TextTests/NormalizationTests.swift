import Text
import XCTest

final class NormalizationTests: XCTestCase {
    func testCaseIsFolded() {
        assertTokens("The GREAT Gatsby", "the great gatsby")
        assertTokens("ÉCOLE Straße ΣΊΣΥΦΟΣ", "école strasse σίσυφοσ")
    }

    func testCompatibilityFormsAreUnified() {
        assertTokens("ﬁne Ⅻ ＡＢＣ ① ½", "fine xii abc 1 1⁄2")
    }

    func testDecomposedAndComposedFormsGiveOneToken() {
        assertTokens("cafe\u{301} café", "café café")
    }

    func testCharactersRepeatedMoreThanThreeTimesAreCappedAtThree() {
        assertTokens("soooooo goood", "sooo goood")
        assertTokens("nooooo!!!!!!", "nooo ! ! !")
        assertTokens("😂😂😂😂😂", "😂 😂 😂")
    }

    func testDigitsAreNotCapped() {
        assertTokens("1000000 dollars", "1000000 dollars")
    }

    func testCurlyApostrophesAndQuotesCountAsStraightOnes() {
        assertTokens("don’t ‘n’ “hi”", "do n't ' n ' \" hi \"")
        assertTokens("it\u{2BC}s", "it 's")
    }

    func testDefaultIgnorablesInsideWordsAreDropped() {
        assertTokens("soft\u{AD}ware zero\u{200B}width joi\u{200D}ner", "software zerowidth joiner")
    }

    func testTrailingNewlineChangesNothing() {
        let tokenizer = Tokenizer()
        let text = "It was fine, I guess :)"
        XCTAssertEqual(tokenizer.tokenize(text + "\n"), tokenizer.tokenize(text))
        XCTAssertEqual(tokenizer.tokenize(text + "\r\n"), tokenizer.tokenize(text))
        XCTAssertEqual(tokenizer.tokenize(text), ["it", "was", "fine", ",", "i", "guess", ":)"])
    }

    func testOtherWhiteSpaceSeparatesTokens() {
        assertTokens("a\u{A0}b\u{3000}c\td\u{2028}e", "a b c d e")
    }
}

final class LineBreakTagTests: XCTestCase {
    func testHTMLLineBreaksAreWhiteSpace() {
        assertTokens("good.<br /><br />Bad<BR>worse<br/>end", "good . bad worse end")
    }

    func testOtherAngleBracketsStay() {
        assertTokens("<b>bold</b> <brr> a<br", "< b > bold < / b > < brr > a < br")
    }
}
