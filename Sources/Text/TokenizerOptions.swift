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
    /// Read a word the vocabulary lacks, in which a character stands three times in a row
    /// (as canonicalization leaves any longer run: `greeeeat` → `greeeat`), as the first
    /// spelling the vocabulary holds with such runs cut to two or one (`great`;
    /// `Vocabulary.shortenedSpelling`), instead of as `<unk>`. Like `emojiNames`, the
    /// tokens stay the same and `TextEncoder` applies it. Off in model files saved before
    /// it existed.
    public var shortenElongations: Bool = false
    /// Read an emoticon as its family's plain spelling when the vocabulary holds it (`:-(`,
    /// `=(`, `:((` → `:(`; `EmoticonFamily`), instead of as the spelling written, which
    /// training may have seen too seldom to learn. Like `emojiNames`, the tokens stay the
    /// same and `TextEncoder` applies it. Off in model files saved before it existed.
    public var emoticonFamilies: Bool = false

    public init(unescapePTBBrackets: Bool = false, emojiNames: Bool = false, shortenElongations: Bool = false,
                emoticonFamilies: Bool = false) {
        self.unescapePTBBrackets = unescapePTBBrackets
        self.emojiNames = emojiNames
        self.shortenElongations = shortenElongations
        self.emoticonFamilies = emoticonFamilies
    }

    private enum CodingKeys: String, CodingKey {
        case unescapePTBBrackets, emojiNames, shortenElongations, emoticonFamilies
    }

    /// The PTB option in words, on or off ("PTB escapes undone", "PTB escapes kept"), as
    /// `info` and a fine-tune's log show it.
    public var unescapePTBInWords: String {
        unescapePTBBrackets ? "PTB escapes undone" : "PTB escapes kept"
    }

    /// The emoji option in words when it is on; nil when off, which the tokenizer's
    /// summary leaves unsaid.
    public var emojiNamesInWords: String? {
        emojiNames ? "unknown emoji read as their names" : nil
    }

    /// The elongation option in words when it is on; nil when off.
    public var shortenElongationsInWords: String? {
        shortenElongations ? "unknown elongated words read shortened" : nil
    }

    /// The emoticon option in words when it is on; nil when off.
    public var emoticonFamiliesInWords: String? {
        emoticonFamilies ? "emoticons read by family" : nil
    }

    /// What `info` prints: "ICU", then each option that is on, in words.
    public var summary: String {
        (["ICU"] + (unescapePTBBrackets ? [unescapePTBInWords] : [])
            + [emojiNamesInWords, shortenElongationsInWords, emoticonFamiliesInWords].compactMap { $0 })
            .joined(separator: ", ")
    }

    /// Missing keys take their defaults, so options saved in a model file before an
    /// option existed still load.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unescapePTBBrackets = try container.decodeIfPresent(Bool.self, forKey: .unescapePTBBrackets) ?? false
        emojiNames = try container.decodeIfPresent(Bool.self, forKey: .emojiNames) ?? false
        shortenElongations = try container.decodeIfPresent(Bool.self, forKey: .shortenElongations) ?? false
        emoticonFamilies = try container.decodeIfPresent(Bool.self, forKey: .emoticonFamilies) ?? false
    }

    /// Writes `emojiNames`, `shortenElongations` and `emoticonFamilies` only when on, so a
    /// model file without them keeps its bytes (and its fingerprint in the prediction
    /// cache) when saved again.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unescapePTBBrackets, forKey: .unescapePTBBrackets)
        if emojiNames { try container.encode(emojiNames, forKey: .emojiNames) }
        if shortenElongations { try container.encode(shortenElongations, forKey: .shortenElongations) }
        if emoticonFamilies { try container.encode(emoticonFamilies, forKey: .emoticonFamilies) }
    }
}
