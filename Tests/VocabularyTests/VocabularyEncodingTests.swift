import Foundation
import Text
import XCTest
@testable import Vocabulary

final class VocabularyEncodingTests: XCTestCase {
    private let tokenizer = Tokenizer()

    /// The demo corpus's texts, read as plain lines (this module cannot see Corpus).
    private var demoTexts: [String] {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            var texts: [String] = []
            for split in ["train", "dev", "test"] {
                let url = root.appendingPathComponent("corpora/demo/\(split).tsv")
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
                texts += lines.map { String($0.split(separator: "\t", maxSplits: 1)[1]) }
            }
            return texts
        }
    }

    private let awkward = [
        "", "   ", "I can't believe it's not butter!!! 👍🏽 http://x.io", "Ünïcödé ＦＵＬＬＷＩＤＴＨ ﬁ",
        "soooooo gooood :-) <3", "@someone #great e\u{301}", "\u{0}nul\u{0}", String(repeating: "long ", count: 2000),
    ]

    func testEncodeEqualsTokenizeThenLookUp() throws {
        let texts = try demoTexts
        var builder = VocabularyBuilder()
        for text in texts.prefix(400) { builder.add(tokenizer.tokenize(text)) }
        let vocabulary = builder.build(minCount: 2)
        XCTAssertGreaterThan(vocabulary.count, 100)
        var unknown = 0
        for text in texts + awkward {
            let expected = tokenizer.tokenize(text).map(vocabulary.id(of:))
            XCTAssertEqual(vocabulary.encode(text, with: tokenizer), expected, text)
            unknown += expected.filter { $0 == Vocabulary.unknownID }.count
        }
        XCTAssertGreaterThan(unknown, 0, "the check should cover unknown tokens too")
    }

    func testCountingFromBytesEqualsCountingStrings() throws {
        var fromStrings = VocabularyBuilder(), fromBytes = VocabularyBuilder()
        for text in try demoTexts + awkward {
            fromStrings.add(tokenizer.tokenize(text))
            fromBytes.add(tokensOf: text, using: tokenizer)
        }
        XCTAssertEqual(fromBytes.totalTokenCount, fromStrings.totalTokenCount)
        XCTAssertEqual(try fromBytes.build().fileContents(), try fromStrings.build().fileContents())
    }

    func testEncodeOfTextWithoutTokensIsEmpty() {
        var builder = VocabularyBuilder()
        builder.add(["a"])
        XCTAssertEqual(builder.build().encode("", with: tokenizer), [])
    }
}
