import Text
import XCTest

final class TokenizerTests: XCTestCase {
    func testTheIssueSentence() {
        assertTokens(
            "I can't believe it's not butter!!! 👍🏽 http://x.io",
            "i ca n't believe it 's not butter ! ! ! 👍🏽 <url>")
    }

    func testForEachTokenGivesTheSameTokensAsTokenize() {
        let text = "Don’t say “never”… It's GREAT!!! 😂😂 @bob #fun :-) x-ray e.g. 3.5%"
        var bytesTokens: [String] = []
        Tokenizer().forEachToken(in: text) { bytesTokens.append(String(decoding: $0, as: UTF8.self)) }
        XCTAssertEqual(bytesTokens, Tokenizer().tokenize(text))
        XCTAssertEqual(bytesTokens.count, 22)
    }

    func testForEachTokenRethrowsAndStops() {
        struct Stop: Error {}
        var seen = 0
        XCTAssertThrowsError(try Tokenizer().forEachToken(in: "a b c d") { _ in
            seen += 1
            if seen == 2 { throw Stop() }
        })
        XCTAssertEqual(seen, 2)
    }

    func testCallsMayNestInsideForEachToken() {
        let tokenizer = Tokenizer()
        var pairs: [String] = []
        tokenizer.forEachToken(in: "one two") { outer in
            let inner = tokenizer.tokenize("Inner Text")
            pairs.append(String(decoding: outer, as: UTF8.self) + "/" + inner.joined(separator: "+"))
        }
        XCTAssertEqual(pairs, ["one/inner+text", "two/inner+text"])
    }

    func testOptionsRoundTripThroughJSON() throws {
        let options = TokenizerOptions(unescapePTBBrackets: true)
        let decoded = try JSONDecoder().decode(TokenizerOptions.self, from: JSONEncoder().encode(options))
        XCTAssertEqual(decoded, options)
        XCTAssertEqual(Tokenizer(options: options).options, options)
        XCTAssertFalse(TokenizerOptions().unescapePTBBrackets)
    }

    func testOptionsMissingFromJSONTakeTheirDefaults() throws {
        let decoded = try JSONDecoder().decode(TokenizerOptions.self, from: Data("{}".utf8))
        XCTAssertEqual(decoded, TokenizerOptions())
    }

    func testSeveralThreadsAtOnceGetTheSameTokens() {
        let tokenizer = Tokenizer()
        let texts = (0..<64).map { "Review \($0): I didn't like it :( but the cast's great!!! 👍🏽 www.x.com" }
        let expected = texts.map { tokenizer.tokenize($0) }
        let results = UnsafeMutableBufferPointer<[String]>.allocate(capacity: texts.count * 8)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for (index, text) in texts.enumerated() {
                results[thread * texts.count + index] = tokenizer.tokenize(text)
            }
        }
        for thread in 0..<8 {
            XCTAssertEqual(Array(results[thread * texts.count..<(thread + 1) * texts.count]), expected)
        }
        XCTAssertEqual(expected[3], [
            "review", "3", ":", "i", "did", "n't", "like", "it", ":(", "but", "the", "cast", "'s", "great",
            "!", "!", "!", "👍🏽", "<url>",
        ])
    }
}
