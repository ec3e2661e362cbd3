@testable import Text

/// The tokenizer targets' checks for one input (see `Targets/tokenizer.swift`).
func checkTokenizer(_ bytes: UnsafeBufferPointer<UInt8>, options: TokenizerOptions) {
    let tokenizer = Tokenizer(options: options)
    let tokens = tokenizer.tokenize(utf8: bytes)

    var icuOnly = tokenizer
    icuOnly.usesASCIIFastPath = false
    let icuTokens = icuOnly.tokenize(utf8: bytes)
    fuzzCheck(tokens == icuTokens, "fast path \(tokens) != ICU only \(icuTokens)")

    let decoded = tokenizer.tokenize(String(decoding: bytes, as: UTF8.self))
    fuzzCheck(tokens == decoded, "bytes \(tokens) != decoded String \(decoded)")

    for token in tokens {
        fuzzCheck(!token.isEmpty, "empty token in \(tokens)")
        fuzzCheck(!token.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }, "token \(token.debugDescription) holds a tab or line break")
    }
}
