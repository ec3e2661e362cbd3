// Fuzz target: the tokenizer on raw bytes with the Penn Treebank option
// (`-lrb-` → `(` and the PTB quotes), same checks as `tokenizer`.
@testable import Text

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizerPTB(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkTokenizer(fuzzBytes(data, size), options: TokenizerOptions(unescapePTBBrackets: true))
    return 0
}
