// Fuzz target: the fastText (`__label__pos text`) corpus reader, on the input as a file.
import Corpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusFastText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkCorpus(fuzzBytes(data, size), format: .fasttext)
    return 0
}
