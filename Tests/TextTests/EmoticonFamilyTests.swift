import Text
import XCTest

final class EmoticonFamilyTests: XCTestCase {
    private func plain(_ token: String) -> String? {
        Array(token.utf8).withUnsafeBufferPointer { EmoticonFamily.plainSpelling(ofUTF8: $0) }
    }

    func testNoseAndRepeatedMouthAreDroppedAndBracketsReadAsParentheses() {
        for token in [":)", ":-)", "=)", ":))", ":)))", "=]", ":^)", "(:", "(-:"] {
            XCTAssertEqual(plain(token), ":)", token)
        }
        for token in [":(", ":-(", "=(", ":((", ":'(", ":[", "=[", "):", ")-:", ">:("] {
            XCTAssertEqual(plain(token), ":(", token)
        }
        XCTAssertEqual(plain(":-d"), ":d")
        XCTAssertEqual(plain("=d"), ":d")
        XCTAssertEqual(plain(":-\\"), ":/")
        XCTAssertEqual(plain(":-/"), ":/")
        XCTAssertEqual(plain(":-o"), ":o")
        XCTAssertEqual(plain(":-*"), ":*")
    }

    func testWinksAndTongues() {
        for token in [";)", ";-)", ";))", ";]", ";d"] {
            XCTAssertEqual(plain(token), ";)", token)
        }
        for token in [":p", ":-p", "=p", ";p", ";-p"] {
            XCTAssertEqual(plain(token), ":p", token)
        }
        XCTAssertNil(plain(";("), "a frowning wink is not declared a family")
    }

    func testWordsAndOtherPunctuationAreNotEmoticons() {
        for token in ["good", ":", "::", ":-", "===", ":)(", ":-)x", "8)", "<3", "x", "", ";", "(", "'s", ":1"] {
            XCTAssertNil(plain(token), token)
        }
    }
}
