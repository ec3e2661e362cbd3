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

/// Texts tokenized once on every core (a `TokenizedTexts` per chunk of texts), for a
/// training file: its counts make the vocabulary, and then `TextEncoder.encode(_:)`
/// reads every text as ids from the tokens already read.
public struct TokenizedCorpus: Sendable {
    /// The chunks, in text order.
    private let chunks: [TokenizedTexts]
    /// The options of the tokenizer that read the texts.
    public let tokenizerOptions: TokenizerOptions

    /// Tokenizes `texts` on every core, counting text i's tokens only if `counted(i)`.
    public init(_ texts: [String], tokenizer: Tokenizer, counted: (Int) -> Bool = { _ in true }) {
        chunks = inChunksOnEveryCore(texts.count) { chunk in
            TokenizedTexts(texts[chunk], tokenizer: tokenizer) { counted(chunk.lowerBound + $0) }
        }
        tokenizerOptions = tokenizer.options
    }

    /// The counted texts' tokens, as one `VocabularyBuilder` fed those texts counts them.
    public func vocabularyCounts() -> VocabularyBuilder {
        var counts = VocabularyBuilder()
        for chunk in chunks { chunk.addCounts(to: &counts) }
        return counts
    }

    /// `body` of each chunk on every core; the results in text order.
    func flatMapChunks<Element>(_ body: (TokenizedTexts) -> [Element]) -> [Element] {
        onEveryCore(chunks.count) { body(chunks[$0]) }.flatMap { $0 }
    }
}

extension TextEncoder {
    /// `encode` of every text of `corpus`, on every core, without tokenizing again.
    /// - Precondition: `corpus` was read by a tokenizer with this encoder's options.
    public func encode(_ corpus: TokenizedCorpus) -> [[Int32]] {
        precondition(corpus.tokenizerOptions == tokenizer.options, "the corpus was tokenized with other options")
        return corpus.flatMapChunks { encode($0) }
    }
}

/// Cuts `0..<count` into contiguous chunks (at least 512 items each, at most four per
/// core, so a slow chunk does not hold the others up) and runs `body` on each, on every
/// core; the results in chunk order. A single chunk runs on the caller's thread.
private func inChunksOnEveryCore<Result>(_ count: Int, _ body: (Range<Int>) -> Result) -> [Result] {
    let chunkCount = min(max(1, count / 512), ProcessInfo.processInfo.activeProcessorCount * 4)
    return onEveryCore(chunkCount) { chunk in body((count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)) }
}

/// `body(0)`, …, `body(count − 1)` on every core; the results in order. A single job
/// runs on the caller's thread.
private func onEveryCore<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(body) }
    var results = [Result?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { results in
        let results = results
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: count) { results[$0] = body($0) }
        }
    }
    return results.map { $0! }
}

/// `encodeInParallel` of the rows' texts with `encoder`.
public func encodeAll(_ rows: [LabeledText], with encoder: TextEncoder) -> [[Int32]] {
    encodeInParallel(rows.map(\.text), encode: encoder.encode)
}
