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
}
