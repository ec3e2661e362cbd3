// Fuzz target: the vocabulary file reader (`vocab/NAME.tsv`).
//
// A file it accepts must survive a write and a second read unchanged (when it can be
// written at all: a token may hold a carriage return, which the writer refuses).
import Foundation
import Vocabulary

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVocabulary(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(fuzzBytes(data, size))
    let vocabulary: Vocabulary
    do {
        vocabulary = try Vocabulary.parse(bytes, file: "fuzz.tsv")
    } catch is VocabularyError {
        return 0
    } catch {
        fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
        return 0
    }
    fuzzCheck(vocabulary.count >= 2, "\(vocabulary.count) tokens")
    for (id, token) in vocabulary.tokens.enumerated() {
        fuzzCheck(vocabulary.id(of: token) == Int32(id), "\(token.debugDescription) maps to \(vocabulary.id(of: token)), not \(id)")
    }
    guard let written = try? vocabulary.fileContents() else { return 0 }
    guard let reread = try? Vocabulary.parse(written, file: "fuzz.tsv") else {
        fuzzCheck(false, "written vocabulary does not read back")
        return 0
    }
    fuzzCheck(reread.tokens == vocabulary.tokens && reread.counts == vocabulary.counts, "round trip changed the vocabulary")
    return 0
}
