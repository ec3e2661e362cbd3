import Text
import Vocabulary

/// Text → token ids: the tokenizer, the vocabulary, and the length limit.
///
/// Texts longer than `maxLength` tokens keep their head and their tail and lose the
/// middle: the first quarter of the budget from the start, the rest from the end. A
/// review's opening sets the topic and its ending usually gives the verdict (Sun et al.,
/// 2019, found head+tail beat head-only and tail-only truncation for long reviews).
public struct TextEncoder: Sendable {
    public let tokenizer: Tokenizer
    public let vocabulary: Vocabulary
    /// Token limit per text, or nil for none.
    public let maxLength: Int?

    public init(tokenizer: Tokenizer, vocabulary: Vocabulary, maxLength: Int?) {
        precondition(maxLength.map { $0 >= 1 } ?? true, "maxLength must be at least 1")
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        self.maxLength = maxLength
    }

    /// Token ids of `text`, truncated head+tail to `maxLength`. Never empty: a text with
    /// no tokens encodes as `[unknownID]`, so every text gets a prediction.
    public func encode(_ text: String) -> [Int32] {
        // Tokens go straight from the tokenizer's bytes to ids: no String per token.
        var ids: [Int32] = []
        tokenizer.forEachToken(in: text) { ids.append(vocabulary.id(ofUTF8: $0)) }
        if ids.isEmpty { return [Vocabulary.unknownID] }
        return truncatedHeadAndTail(ids, maxLength: maxLength)
    }
}

/// `ids` cut to at most `maxLength` by keeping `maxLength / 4` from the start and the
/// rest from the end.
public func truncatedHeadAndTail<Element>(_ ids: [Element], maxLength: Int?) -> [Element] {
    guard let maxLength, ids.count > maxLength else { return ids }
    let head = truncationHeadCount(maxLength: maxLength)
    let tail = maxLength - head
    return Array(ids[..<head]) + Array(ids[(ids.count - tail)...])
}

/// How many of a long text's `maxLength` kept tokens come from its start (the rest come
/// from its end).
public func truncationHeadCount(maxLength: Int) -> Int {
    maxLength / 4
}
