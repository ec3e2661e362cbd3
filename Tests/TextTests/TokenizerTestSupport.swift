import Text
import XCTest

/// Asserts that `text` tokenizes to exactly `expected` (tokens separated by single spaces).
func assertTokens(
    _ text: String, _ expected: String, options: TokenizerOptions = TokenizerOptions(),
    file: StaticString = #filePath, line: UInt = #line
) {
    let tokens = Tokenizer(options: options).tokenize(text)
    let expectedTokens = expected.isEmpty ? [] : expected.components(separatedBy: " ")
    XCTAssertEqual(tokens, expectedTokens, "tokens of \(text.debugDescription)", file: file, line: line)
}

/// The tokens of raw bytes, which may be invalid UTF-8.
func tokens(ofBytes bytes: [UInt8], options: TokenizerOptions = TokenizerOptions()) -> [String] {
    bytes.withUnsafeBufferPointer { Tokenizer(options: options).tokenize(utf8: $0) }
}
