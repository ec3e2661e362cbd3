import Foundation
import XCTest
@testable import sentiment

/// `SVG`, what every picture shares: text escaped so the document is well-formed XML.
final class SVGTests: XCTestCase {
    func testEscapingKeepsMarkupOutAndLeavesNoCharacterXMLForbids() throws {
        XCTAssertEqual(SVG.escaped("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d")
        XCTAssertEqual(SVG.escaped("tab\tnewline\ncr\r ünï 👍"), "tab\tnewline\ncr\r ünï 👍", "what XML allows is kept")
        // XML 1.0 forbids U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE and U+FFFF.
        let forbidden = (0..<0x20).filter { ![0x9, 0xA, 0xD].contains($0) } + [0xFFFE, 0xFFFF]
        let text = String(String.UnicodeScalarView(forbidden.map { Unicode.Scalar(UInt32($0))! }))
        let escaped = SVG.escaped("<" + text + ">")
        XCTAssertEqual(escaped, "&lt;" + String(repeating: "\u{FFFD}", count: forbidden.count) + "&gt;")
        let page = SVG.header(width: 10, height: 10, title: "title \u{1}\u{1B}[0m") + "</svg>"
        XCTAssertNoThrow(try SVGElements(parsing: page))
    }
}
