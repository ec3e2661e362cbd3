import Text

extension Vocabulary {
    /// The ids of `text`'s tokens, `unknownID` for tokens not in the vocabulary.
    ///
    /// Uses the tokenizer's byte fast path: each token is looked up straight from the
    /// tokenizer's UTF-8 buffer, so no `String` is made per token. Equal to
    /// `tokenizer.tokenize(text).map(id(of:))`, only faster.
    public func encode(_ text: String, with tokenizer: Tokenizer) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.utf8.count / 4 + 1)
        tokenizer.forEachToken(in: text) { token in
            ids.append(id(ofUTF8: token))
        }
        return ids
    }
}

extension VocabularyBuilder {
    /// Tokenizes `text` and counts its tokens, with no `String` per token.
    public mutating func add(tokensOf text: String, using tokenizer: Tokenizer) {
        tokenizer.forEachToken(in: text) { token in
            add(utf8Token: token)
        }
    }
}
