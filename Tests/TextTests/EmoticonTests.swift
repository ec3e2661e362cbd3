import Text
import XCTest

final class EmoticonTests: XCTestCase {
    func testWesternEmoticonsAreSingleTokensInFoldedForm() {
        assertTokens(":) :-( <3 :D ;) :P :/ =) :'( :-D", ":) :-( <3 :d ;) :p :/ =) :'( :-d")
    }

    func testRepeatedMouthStaysInTheToken() {
        assertTokens(":)))))) <333", ":))) <333")
    }

    func testOtherEmoticons() {
        assertTokens("^_^ -_- </3 (: ): >_<", "^_^ -_- </3 (: ): >_<")
    }

    func testEmoticonGluedToAWordIsSplitOff() {
        assertTokens("great:) sad:-(", "great :) sad :-(")
    }

    func testEmoticonFollowedBySentencePunctuation() {
        assertTokens("fun :)!", "fun :) !")
    }

    func testTimesAndRatiosAreNotEmoticons() {
        assertTokens("at 10:30 it was 3:0", "at 10:30 it was 3:0")
        assertTokens("x=3 and:", "x = 3 and :")
    }
}
