// Fuzz target: the word2vec binary vectors reader (`Word2VecBinaryReader` through
// `PretrainedVectors`). Inputs with no control byte would be read as text (the
// `word2vec-text` target's job), so they are rejected from the corpus.
@testable import Model

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWord2VecBinary(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    guard bytes.prefix(Word2VecBinaryReader.sniffLength).contains(where: Word2VecBinaryReader.isControlByte) else { return -1 }
    checkVectors(bytes)
    return 0
}
