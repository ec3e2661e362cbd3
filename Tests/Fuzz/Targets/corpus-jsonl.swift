// Fuzz target: the JSON lines corpus reader, on the input as a file.
import Corpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusJSONL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkCorpus(fuzzBytes(data, size), format: .jsonl)
    return 0
}
