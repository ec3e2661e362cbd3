// Fuzz target: the comma-separated (RFC 4180 quoting) corpus reader, on the input as a file.
import Corpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    checkCorpus(fuzzBytes(data, size), format: .csv)
    return 0
}
