// Fuzz target: the tab-separated corpus reader, on the input as a file.
import Corpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusTSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkCorpus(fuzzBytes(data, size), format: .tsv)
    return 0
}
