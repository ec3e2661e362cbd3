/// A token with where it came from in the original text.
public struct TokenSpan: Equatable, Sendable {
    /// The token as the tokenizer emits it (normalized, case-folded).
    public var token: String
    /// Unicode scalar (code point) offsets [start, end) in the original text, as Python
    /// indexes a `str`; nil when the token cannot be found there as written (NFKC turned
    /// it into other characters).
    public var range: Range<Int>?

    public init(token: String, range: Range<Int>?) {
        self.token = token
        self.range = range
    }
}

extension Tokenizer {
    /// The tokens of `text` with their spans in `text`, for highlighting (`explain`).
    ///
    /// The tokenizer normalizes (NFKC case folding) before it cuts, so spans are found by
    /// matching each token, in order, against a lower-cased copy of the text that keeps
    /// every character's original offset; a token that cannot be matched gets no span
    /// and the search goes on from where the previous token ended.
    /// - Complexity: O(n·k) for n characters and tokens of length k.
    public func tokenSpans(in text: String) -> [TokenSpan] {
        // Folded scalars, each with the offset of the original scalar it came from.
        var folded: [Unicode.Scalar] = [], origin: [Int] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            for lowered in String(scalar).lowercased().unicodeScalars {
                folded.append(lowered)
                origin.append(offset)
            }
        }
        var cursor = 0
        return tokenize(text).map { token in
            let target = Array(token.unicodeScalars)
            guard !target.isEmpty, target.count <= folded.count else { return TokenSpan(token: token, range: nil) }
            // Tokens follow one another with little in between: look a short way ahead
            // only, so a text of unmatched tokens stays linear.
            var start = cursor
            let limit = min(folded.count, cursor + 256 + target.count)
            while start + target.count <= limit {
                if folded[start] == target[0], let end = Self.matchEnd(of: target, in: folded, from: start) {
                    cursor = end
                    return TokenSpan(token: token, range: origin[start]..<(origin[end - 1] + 1))
                }
                start += 1
            }
            return TokenSpan(token: token, range: nil)
        }
    }

    /// Where `target` ends if it is written in `folded` from `start`, else nil. A run of
    /// `Elongation.keptRun` in the token matches that many or more in the text, since
    /// canonicalization cut the text's longer runs (`soooo` → `sooo`).
    static func matchEnd(of target: [Unicode.Scalar], in folded: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start, run = 0
        for (index, scalar) in target.enumerated() {
            guard position < folded.count, folded[position] == scalar else { return nil }
            position += 1
            run = index > 0 && target[index - 1] == scalar ? run + 1 : 1
            let runEnds = index + 1 == target.count || target[index + 1] != scalar
            if runEnds, run >= Elongation.keptRun, Elongation.isCut(scalar.value) {
                while position < folded.count, folded[position] == scalar { position += 1 }
            }
        }
        return position
    }
}
