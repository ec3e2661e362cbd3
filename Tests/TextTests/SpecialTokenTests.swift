import Text
import XCTest

final class SpecialTokenTests: XCTestCase {
    func testURLsBecomePlaceholders() {
        assertTokens("see http://x.io and HTTPS://Example.com/a?b=c#d or www.foo.org/x", "see <url> and <url> or <url>")
    }

    func testURLKeepsSurroundingPunctuation() {
        assertTokens("(http://a.b/c), then", "( <url> ) , then")
        assertTokens("visit www.x.com.", "visit <url> .")
    }

    func testEmailAddressesBecomePlaceholders() {
        assertTokens("mail Jane.Doe+x@mail.example.org!", "mail <email> !")
    }

    func testAtSignWithoutADomainIsNoEmail() {
        // ICU keeps letters joined by @ as one word.
        assertTokens("me@home", "me@home")
    }

    func testMentionsBecomeUser() {
        assertTokens("@john_99 thanks, @Mary's fault", "<user> thanks , <user> 's fault")
    }

    func testHashtagKeepsItsWord() {
        assertTokens("#blessed #NoFilter", "blessed nofilter")
    }

    func testNumberSignBeforeADigitStays() {
        assertTokens("we're #1", "we 're # 1")
    }
}
