// Penn Treebank escapes, as pre-tokenized corpora (SST) carry them: brackets as
// `-lrb-` … (after case folding), double quotes as ``` `` ``` and `''`, an opening
// single quote as `` ` ``. Undone only with `TokenizerOptions.unescapePTBBrackets`.

private let bracketEscapes: [(name: [UInt16], replacement: StaticString)] = [
    ("lrb", "("), ("rrb", ")"), ("lsb", "["), ("rsb", "]"), ("lcb", "{"), ("rcb", "}"),
].map { (Array($0.0.utf16), $0.1) }

extension TokenizerWorkspace {
    /// The PTB escape starting at segment `index` — what replaces it and how many
    /// segments it spans — if there is one. ICU cuts `-lrb-` into `-`, `lrb`, `-`.
    func ptbEscape(at index: Int, in segments: SegmentList) -> (replacement: StaticString, segmentCount: Int)? {
        if segments.isSingle(index, .hyphenMinus) && index + 2 < segments.count
            && segments.isWord(index + 1) && segments.isSingle(index + 2, .hyphenMinus)
        {
            let name = segments.range(index + 1)
            for escape in bracketEscapes where matches(escape.name, at: name) {
                return (escape.replacement, 3)
            }
            return nil
        }
        for quote in [UInt16.graveAccent, .apostrophe] where segments.isSingle(index, quote) {
            if index + 1 < segments.count && segments.isSingle(index + 1, quote) {
                return ("\"", 2)
            }
            return quote == .graveAccent ? ("'", 1) : nil
        }
        return nil
    }
}
