/// Settings that change which tokens a `Tokenizer` produces. A model stores them, so that
/// text is tokenized at prediction time exactly as it was in training.
public struct TokenizerOptions: Codable, Equatable, Sendable {
    /// Undo the Penn Treebank escapes of pre-tokenized corpora such as SST:
    /// `-lrb-` → `(`, `-rrb-` → `)`, `-lsb-` → `[`, `-rsb-` → `]`, `-lcb-` → `{`,
    /// `-rcb-` → `}`, and the PTB quotes ``` `` ``` and `''` → `"`, `` ` `` → `'`.
    public var unescapePTBBrackets: Bool = false

    public init(unescapePTBBrackets: Bool = false) {
        self.unescapePTBBrackets = unescapePTBBrackets
    }

    private enum CodingKeys: String, CodingKey {
        case unescapePTBBrackets
    }

    /// Missing keys take their defaults, so options saved in a model file before an
    /// option existed still load.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unescapePTBBrackets = try container.decodeIfPresent(Bool.self, forKey: .unescapePTBBrackets) ?? false
    }
}
