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

    /// At most this many clitics are split off one word: real words have one or two
    /// (`could n't 've`); a run like `s's's's…` keeps the rest whole instead of costing
    /// memory or stack.
    static let maximumClitics = 8

    /// Emits a word token, split at its clitics: `n't` (`couldn't` → `could n't`) and
    /// `'s 'm 'd 'll 're 've` (`they're` → `they 're`), repeatedly from the end
    /// (`couldn't've` → `could n't 've`). A clitic alone (`n't`, `'s`) stays as it is.
    mutating func emitWord(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let text = self.text.base
        let start = range.lowerBound
        // cuts[k]: where the k-th clitic from the end starts
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maximumClitics) { cuts in
            var cutCount = 0
            var end = range.upperBound
            while cutCount < Self.maximumClitics {
                // n't: the `n` belongs to the clitic, whence `ca n't` and `wo n't`.
                if end - start > 3 && text[end - 3] == .ascii("n") && text[end - 2] == .apostrophe
                    && text[end - 1] == .ascii("t")
                {
                    end -= 3
                } else {
                    var apostrophe = end - 1
                    while apostrophe > start && text[apostrophe] != .apostrophe { apostrophe -= 1 }
                    guard apostrophe > start && isClitic(apostrophe + 1..<end) else { break }
                    end = apostrophe
                }
                cuts[cutCount] = end
                cutCount += 1
            }
            try emitStem(start..<end, body)
            var suffixEnd = range.upperBound
            var k = 0
            // Suffixes in text order: cuts[cutCount-1] is the first.
            while k < cutCount {
                let suffixStart = cuts[cutCount - 1 - k]
                suffixEnd = k + 1 < cutCount ? cuts[cutCount - 2 - k] : range.upperBound
                try emit(suffixStart..<suffixEnd, body)
                k += 1
            }
        }
    }

    /// Emits what is left of a word after its clitics, split if PTB splits it.
    private mutating func emitStem(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard !range.isEmpty else { return }
        let first = text[range.lowerBound]
        guard (5...6).contains(range.count) && (first == .ascii("c") || first == .ascii("g") || first == .ascii("w")) else {
            try emit(range, body)
            return
        }
        for split in splitWords where matches(split.word, at: range) {
            try emit(range.lowerBound..<range.lowerBound + split.head, body)
            try emit(range.lowerBound + split.head..<range.upperBound, body)
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
