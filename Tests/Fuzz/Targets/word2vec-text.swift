// Fuzz target: the GloVe / word2vec text vectors reader (`PretrainedVectors`).
//
// Control bytes would make the file word2vec binary (see `Word2VecBinaryReader`), so
// they are turned into spaces: this target stays on the text path.
import Foundation
@testable import Model

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWord2VecText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = fuzzBytes(data, size).map { Word2VecBinaryReader.isControlByte($0) ? UInt8(ascii: " ") : $0 }
    text.withUnsafeBufferPointer { checkVectors($0) }
    return 0
}
