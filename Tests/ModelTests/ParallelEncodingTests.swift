import Model
import Text
import Vocabulary
import XCTest

final class ParallelEncodingTests: XCTestCase {
    /// Enough texts for several chunks on every core: the results come back in input
    /// order, each the encoding of its own text.
    func testEncodeInParallelKeepsOrder() {
        let texts = (0..<5000).map { String(repeating: "w ", count: $0 % 13) + String($0) }
        let encode: (String) -> [Int32] = { text in text.utf8.map { Int32($0) } }
        XCTAssertEqual(encodeInParallel(texts, encode: encode), texts.map(encode))
        XCTAssertEqual(encodeInParallel(["one"], encode: encode), [encode("one")])
        XCTAssertEqual(encodeInParallel([], encode: encode), [])
    }

    /// Counting on every core gives the counts one pass gives: the same vocabulary file.
    func testCountTokensInParallelCountsWhatOnePassCounts() throws {
        let texts = (0..<3000).map { "Word\($0 % 97) and word\($0 % 13), isn't it \($0 % 5)?" }
        let tokenizer = Tokenizer()
        var serial = VocabularyBuilder()
        for text in texts { tokenizer.forEachToken(in: text) { serial.add(utf8Token: $0) } }
        let parallel = countTokensInParallel(texts, tokenizer: tokenizer)
        XCTAssertEqual(parallel.totalTokenCount, serial.totalTokenCount)
        XCTAssertEqual(try parallel.build().fileContents(), try serial.build().fileContents())
        XCTAssertEqual(countTokensInParallel([], tokenizer: tokenizer).totalTokenCount, 0)
    }
}
