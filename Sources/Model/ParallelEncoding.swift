import Corpus
import Dispatch
import Foundation
import Text
import Vocabulary

/// Encodes many texts on every core: the data side of training, evaluation and the
/// dataset cache. The one parallel encoder of the package.
///
/// The texts are cut into contiguous chunks (at least 512 texts each, at most four per
/// core, so a slow chunk does not hold the others up); `encode` must be thread-safe (the
/// tokenizer and vocabulary are).
/// - Complexity: O(total text length) / cores.
public func encodeInParallel(_ texts: [String], encode: (String) -> [Int32]) -> [[Int32]] {
    let chunkCount = min(max(1, texts.count / 512), ProcessInfo.processInfo.activeProcessorCount * 4)
    guard chunkCount > 1 else { return texts.map(encode) }
    var result = [[Int32]](repeating: [], count: texts.count)
    result.withUnsafeMutableBufferPointer { output in
        let output = output
        withoutActuallyEscaping(encode) { encode in
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = texts.count * chunk / chunkCount, end = texts.count * (chunk + 1) / chunkCount
                for index in start..<end { output[index] = encode(texts[index]) }
            }
        }
    }
    return result
}

/// The tokens of `texts` counted on every core: a `VocabularyBuilder` per chunk of texts
/// (chunked as `encodeInParallel` does), merged at the end.
/// - Complexity: O(total text length) / cores, plus O(distinct tokens · chunks) to merge.
public func countTokensInParallel(_ texts: [String], tokenizer: Tokenizer) -> VocabularyBuilder {
    let chunkCount = min(max(1, texts.count / 512), ProcessInfo.processInfo.activeProcessorCount * 4)
    var builders = [VocabularyBuilder](repeating: VocabularyBuilder(), count: chunkCount)
    builders.withUnsafeMutableBufferPointer { builders in
        let builders = builders
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = texts.count * chunk / chunkCount, end = texts.count * (chunk + 1) / chunkCount
            var builder = VocabularyBuilder()
            for index in start..<end {
                tokenizer.forEachToken(in: texts[index]) { builder.add(utf8Token: $0) }
            }
            builders[chunk] = builder
        }
    }
    var counts = builders[0]
    for builder in builders.dropFirst() { counts.merge(builder) }
    return counts
}

/// `encodeInParallel` of the rows' texts with `encoder`.
public func encodeAll(_ rows: [LabeledText], with encoder: TextEncoder) -> [[Int32]] {
    encodeInParallel(rows.map(\.text), encode: encoder.encode)
}
