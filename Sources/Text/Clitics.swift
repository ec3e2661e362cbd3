// English clitics, split the way the Penn Treebank does, so that raw text and
// pre-tokenized corpora (SST) meet on the same tokens: `doesn't` → `does n't`,
// `can't` → `ca n't`, `won't` → `wo n't`, `I'm` → `i 'm`, `John's` → `john 's`.

/// Whole words PTB splits in two: `cannot` → `can not`, `gonna` → `gon na` …
private let splitWords: [(word: [UInt16], head: Int)] = [
    ("cannot", 3), ("gonna", 3), ("gotta", 3), ("wanna", 3),
].map { (Array($0.0.utf16), $0.1) }

extension TokenizerWorkspace {
    /// Whether `range` (a word segment) is a clitic that goes with a preceding
    /// apostrophe, as PTB splits them off: `s m d ll re ve em`.
    func isClitic(_ range: Range<Int>) -> Bool {
        let text = self.text.base
        let first = text[range.lowerBound]
        switch range.count {
        case 1:
            return first == .ascii("s") || first == .ascii("m") || first == .ascii("d")
        case 2:
            let second = text[range.lowerBound + 1]
            return (first == .ascii("l") && second == .ascii("l")) || (first == .ascii("r") && second == .ascii("e"))
                || (first == .ascii("v") && second == .ascii("e")) || (first == .ascii("e") && second == .ascii("m"))
        default:
            return false
        }
    }

    /// Emits a word token, split at its clitics: `n't` (`couldn't` → `could n't`) and
    /// `'s 'm 'd 'll 're 've` (`they're` → `they 're`), repeatedly from the end
    /// (`couldn't've` → `could n't 've`). A clitic alone (`n't`, `'s`) stays as it is.
    mutating func emitWord(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let text = self.text.base
        let start = range.lowerBound, end = range.upperBound
        // n't: the `n` belongs to the clitic, whence `ca n't` and `wo n't`.
        if end - start > 3 && text[end - 3] == .ascii("n") && text[end - 2] == .apostrophe && text[end - 1] == .ascii("t") {
            try emitWord(start..<end - 3, body)
            try emit(end - 3..<end, body)
            return
        }
        var apostrophe = end - 1
        while apostrophe > start && text[apostrophe] != .apostrophe { apostrophe -= 1 }
        if apostrophe > start && isClitic(apostrophe + 1..<end) {
            try emitWord(start..<apostrophe, body)
            try emit(apostrophe..<end, body)
            return
        }
        let first = text[start]
        guard (5...6).contains(range.count) && (first == .ascii("c") || first == .ascii("g") || first == .ascii("w")) else {
            try emit(range, body)
            return
        }
        for split in splitWords where matches(split.word, at: range) {
            try emit(start..<start + split.head, body)
            try emit(start + split.head..<end, body)
            return
        }
        try emit(range, body)
    }

    /// Whether `text[range]` is exactly `units`.
    func matches(_ units: [UInt16], at range: Range<Int>) -> Bool {
        guard units.count == range.count else { return false }
        let text = self.text.base
        for (offset, unit) in units.enumerated() where text[range.lowerBound + offset] != unit {
            return false
        }
        return true
    }
}
