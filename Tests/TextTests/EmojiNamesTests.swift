import Text
import XCTest

final class EmojiNamesTests: XCTestCase {
    private func name(_ token: String) -> String? {
        var token = token
        return token.withUTF8 { EmojiNames.name(ofUTF8: $0) }
    }

    func testAnEmojiIsNamedByItsUnicodeName() {
        XCTAssertEqual(name("👍"), "thumbs up sign")
        XCTAssertEqual(name("💩"), "pile of poo")
        XCTAssertEqual(name("😍"), "smiling face with heart-shaped eyes")
    }

    func testSkinTonesJoinersAndGenderSignsNameNothing() {
        XCTAssertEqual(name("👍🏽"), "thumbs up sign")
        XCTAssertEqual(name("👨\u{200D}👩\u{200D}👧"), "man woman girl")
        XCTAssertEqual(name("🤦\u{200D}♀"), "face palm")
        XCTAssertEqual(name("❤\u{FE0F}"), "heavy black heart")
    }

    func testTokensThatAreNotEmojiHaveNoName() {
        XCTAssertNil(name("good"))
        XCTAssertNil(name("🇺🇸"), "a flag's regional indicators are not Extended_Pictographic")
        XCTAssertNil(name(":)"))
        XCTAssertNil(name("a👍"), "only a token that starts with an emoji is one")
    }
}
