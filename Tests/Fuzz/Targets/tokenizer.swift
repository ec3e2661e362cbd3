// Fuzz target: the tokenizer on raw bytes (invalid UTF-8 included), default options.
//
// Besides not crashing, every input must give the same tokens with and without the
// ASCII fast path, the same tokens as its `String` decoding, and no token that the
// vocabulary file could not hold (empty, or with a tab or line break).
@testable import Text

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkTokenizer(fuzzBytes(data, size), options: TokenizerOptions())
    return 0
}
