extension TokenizerWorkspace {
    /// One in-place pass over the normalized text that makes variants meet:
    /// - curly apostrophes and single quotes (’ ‘ ʼ) become `'`, curly double quotes (“ ”)
    ///   become `"`, so that `don’t` splits like `don't`;
    /// - a character repeated more than three times is kept three times
    ///   (`soooooo` → `sooo`, `!!!!!!` → `!!!`; `Elongation`): elongation is emphasis, and
    ///   capping it keeps the vocabulary from filling with spellings of one word. Digits
    ///   are exempt, since `1000000` is not an emphatic `1000`;
    /// - an HTML line break (`<br>`, `<br/>`, `<br />`, as IMDB reviews carry them) becomes
    ///   white space: markup, not words;
    /// - a lone surrogate becomes U+FFFD.
    ///
    /// Returns the new length (never longer).
    /// - Complexity: O(n).
    func canonicalize(count: Int) -> Int {
        let text = self.text.base
        var read = 0, written = 0
        var previous = UInt32.max
        var repeats = 0
        while read < count {
            var (value, width) = scalar(at: read, in: text, end: count)
            if value == 0x3C, let tagLength = lineBreakTagLength(at: read, in: text, end: count) {
                for offset in 0..<tagLength { text[written + offset] = .space }
                written += tagLength
                read += tagLength
                previous = UInt32(UInt16.space)
                repeats = 1
                continue
            }
            read += width
            switch value {
            case 0x2018, 0x2019, 0x02BC: value = 0x27
            case 0x201C, 0x201D: value = 0x22
            default: break
            }
            if value == previous {
                repeats += 1
                if repeats > Elongation.keptRun && Elongation.isCut(value) { continue }
            } else {
                previous = value
                repeats = 1
            }
            written += encodeUTF16(value, into: text + written)
        }
        return written
    }

    /// The length of `<br>`, `<br/>` or `<br />` at `start`, if one is there.
    private func lineBreakTagLength(at start: Int, in text: UnsafeMutablePointer<UInt16>, end: Int) -> Int? {
        var index = start + 1
        guard index + 1 < end, text[index] == .ascii("b"), text[index + 1] == .ascii("r") else { return nil }
        index += 2
        if index < end && text[index] == .space { index += 1 }
        if index < end && text[index] == .ascii("/") { index += 1 }
        guard index < end, text[index] == .ascii(">") else { return nil }
        return index + 1 - start
    }
}
