import Corpus
import Dispatch
import Foundation
import Text
import Vocabulary

/// Encodes many texts on every core: the data side of training, evaluation and the
/// dataset cache. The one parallel encoder of the package.
///
/// `encode` must be thread-safe (the tokenizer and vocabulary are).
/// - Complexity: O(total text length) / cores.
public func encodeInParallel(_ texts: [String], encode: (String) -> [Int32]) -> [[Int32]] {
    inChunksOnEveryCore(texts.count) { chunk in chunk.map { encode(texts[$0]) } }.flatMap { $0 }
}

/// The tokens of `texts` counted on every core: a `VocabularyBuilder` per chunk of texts,
/// merged at the end.
/// - Complexity: O(total text length) / cores, plus O(distinct tokens · chunks) to merge.
public func countTokensInParallel(_ texts: [String], tokenizer: Tokenizer) -> VocabularyBuilder {
    let builders = inChunksOnEveryCore(texts.count) { chunk in
        var builder = VocabularyBuilder()
        for index in chunk {
            tokenizer.forEachToken(in: texts[index]) { builder.add(utf8Token: $0) }
        }
        return builder
    }
    var counts = builders[0]
    for builder in builders.dropFirst() { counts.merge(builder) }
    return counts
}

/// Cuts `0..<count` into contiguous chunks (at least 512 items each, at most four per
/// core, so a slow chunk does not hold the others up) and runs `body` on each, on every
/// core; the results in chunk order. A single chunk runs on the caller's thread.
private func inChunksOnEveryCore<Result>(_ count: Int, _ body: (Range<Int>) -> Result) -> [Result] {
    let chunkCount = min(max(1, count / 512), ProcessInfo.processInfo.activeProcessorCount * 4)
    guard chunkCount > 1 else { return [body(0..<count)] }
    var results = [Result?](repeating: nil, count: chunkCount)
    results.withUnsafeMutableBufferPointer { results in
        let results = results
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                results[chunk] = body((count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount))
            }
        }
    }
    return results.map { $0! }
}

/// `encodeInParallel` of the rows' texts with `encoder`.
public func encodeAll(_ rows: [LabeledText], with encoder: TextEncoder) -> [[Int32]] {
    encodeInParallel(rows.map(\.text), encode: encoder.encode)
}
