/// Settings that change which tokens a `Tokenizer` produces, or how a model reads them. A
/// model stores them, so that text is read at prediction time exactly as it was in
/// training.
public struct TokenizerOptions: Codable, Equatable, Sendable {
    /// Undo the Penn Treebank escapes of pre-tokenized corpora such as SST:
    /// `-lrb-` → `(`, `-rrb-` → `)`, `-lsb-` → `[`, `-rsb-` → `]`, `-lcb-` → `{`,
    /// `-rcb-` → `}`, and the PTB quotes ``` `` ``` and `''` → `"`, `` ` `` → `'`.
    public var unescapePTBBrackets: Bool = false
    /// Read an emoji that the model's vocabulary lacks as the words of its Unicode name
    /// that the vocabulary holds (👍 → thumbs up sign; `EmojiNames`), instead of as
    /// `<unk>`. The tokenizer's tokens stay the same: `TextEncoder` applies it, since it
    /// depends on the vocabulary. Off in model files saved before it existed.
    public var emojiNames: Bool = false

    public init(unescapePTBBrackets: Bool = false, emojiNames: Bool = false) {
        self.unescapePTBBrackets = unescapePTBBrackets
        self.emojiNames = emojiNames
    }

    private enum CodingKeys: String, CodingKey {
        case unescapePTBBrackets, emojiNames
    }

    /// Missing keys take their defaults, so options saved in a model file before an
    /// option existed still load.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unescapePTBBrackets = try container.decodeIfPresent(Bool.self, forKey: .unescapePTBBrackets) ?? false
        emojiNames = try container.decodeIfPresent(Bool.self, forKey: .emojiNames) ?? false
    }

    /// Writes `emojiNames` only when it is on, so a model file without it keeps its bytes
    /// (and its fingerprint in the prediction cache) when saved again.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unescapePTBBrackets, forKey: .unescapePTBBrackets)
        if emojiNames { try container.encode(emojiNames, forKey: .emojiNames) }
    }
}
