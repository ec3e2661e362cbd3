import Model
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
}
