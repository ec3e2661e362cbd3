import CICU

extension TokenizerWorkspace {
    /// Segments `region` of the normalized text with ICU's word breaking (UAX #29) and
    /// turns the segments into tokens:
    /// - white space is dropped; words and numbers are tokens, split at clitics
    ///   (`Clitics.swift`); every other segment (punctuation, symbol, emoji sequence) is a
    ///   token of its own, so `!!!` gives `! ! !` as in PTB-tokenized SST;
    /// - words joined by single hyphens stay one token (`well-made`, `sci-fi`), as PTB
    ///   and GloVe have them, and so do numbers joined by colons (`10:30`);
    /// - runs of `.` or `-` are one token (`...`, `--`); an em dash is `--`; an
    ///   abbreviation keeps its final period (`u.s.`, `e.g.`);
    /// - an apostrophe followed by a clitic (`'s`, `'re` …) is one token, so that
    ///   already-split input (`john 's`) gives what `john's` gives;
    /// - with `unescapePTBBrackets`, the PTB escapes are undone (`PTBEscapes.swift`).
    mutating func segment(_ region: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        // The white space between two chunks that skipped ICU is a region too: it has no
        // tokens, and resetting ICU's iterator for it would cost more than a word.
        var firstUnit = region.lowerBound
        while firstUnit < region.upperBound && text[firstUnit].isWhiteSpace { firstUnit += 1 }
        guard firstUnit < region.upperBound else { return }
        boundaries.reserve(region.count + 1)
        statuses.reserve(region.count + 1)
        let boundaryCount = Int(cicu_word_boundaries(
            text.base + region.lowerBound, Int32(region.count), boundaries.base, statuses.base))
        guard boundaryCount >= 2 else {
            // ICU failed (no data): one token rather than none.
            try emit(region, body)
            return
        }
        let segments = SegmentList(
            text: text.base, boundaries: boundaries.base, statuses: statuses.base,
            offset: region.lowerBound, count: boundaryCount - 1)

        let text = self.text.base
        var index = 0
        while index < segments.count {
            let range = segments.range(index)
            let first = text[range.lowerBound]
            if segments.isWhiteSpace(index) {
                index += 1
                continue
            }
            if segments.isWord(index) {
                var end = range.upperBound
                var next = index + 1
                while next + 1 < segments.count && segments.isSingle(next, .hyphenMinus) && segments.isWord(next + 1) {
                    end = segments.range(next + 1).upperBound
                    next += 2
                }
                // Times and scores stay whole (`10:30`, `3:0`): UAX #29 joins numbers
                // across `.` and `,` but not `:`.
                while next + 1 < segments.count && segments.isNumber(next - 1) && segments.isSingle(next, .colon)
                    && segments.isNumber(next + 1)
                {
                    end = segments.range(next + 1).upperBound
                    next += 2
                }
                // An abbreviation keeps its final period: ICU ends `u.s.` before it.
                if next < segments.count && segments.isSingle(next, .fullStop) && end - range.lowerBound >= 3
                    && text[end - 2] == .fullStop && text[end - 1].isASCIILetter
                {
                    end += 1
                    next += 1
                }
                try emitWord(range.lowerBound..<end, body)
                index = next
                continue
            }
            if options.unescapePTBBrackets, let escape = ptbEscape(at: index, in: segments) {
                try emitLiteral(escape.replacement, body)
                index += escape.segmentCount
                continue
            }
            if segments.isSingle(index, .apostrophe) && index + 1 < segments.count
                && segments.isWord(index + 1) && isClitic(segments.range(index + 1))
            {
                try emit(range.lowerBound..<segments.range(index + 1).upperBound, body)
                index += 2
                continue
            }
            if segments.isSingle(index, .fullStop) || segments.isSingle(index, .hyphenMinus) {
                var next = index + 1
                while next < segments.count && segments.isSingle(next, first) { next += 1 }
                try emit(range.lowerBound..<segments.range(next - 1).upperBound, body)
                index = next
                continue
            }
            if segments.isSingle(index, 0x2014) {
                try emitLiteral("--", body)
                index += 1
                continue
            }
            try emit(range, body)
            index += 1
        }
    }
}

/// ICU's segments of one region, read in place.
struct SegmentList {
    let text: UnsafeMutablePointer<UInt16>
    let boundaries: UnsafeMutablePointer<Int32>
    let statuses: UnsafeMutablePointer<Int32>
    /// where the region starts in `text`: boundaries are relative to it
    let offset: Int
    let count: Int

    @inline(__always)
    func range(_ index: Int) -> Range<Int> {
        offset + Int(boundaries[index])..<offset + Int(boundaries[index + 1])
    }

    /// ICU's rule status: 100..<200 numbers, 200..<300 letters, then kana and ideographs.
    @inline(__always)
    func isWord(_ index: Int) -> Bool { statuses[index] >= 100 }

    @inline(__always)
    func isNumber(_ index: Int) -> Bool { statuses[index] >= 100 && statuses[index] < 200 }

    /// Whether the segment is the single code unit `unit`.
    @inline(__always)
    func isSingle(_ index: Int, _ unit: UInt16) -> Bool {
        boundaries[index + 1] - boundaries[index] == 1 && text[offset + Int(boundaries[index])] == unit
    }

    /// Spaces, line breaks, control and format characters: ICU keeps them in segments
    /// of their own (with any combining marks that follow), which are no tokens.
    func isWhiteSpace(_ index: Int) -> Bool {
        let start = offset + Int(boundaries[index])
        let unit = text[start]
        if unit < 0x80 { return unit <= 0x20 || unit == 0x7F }
        let end = offset + Int(boundaries[index + 1])
        return cicu_is_ignorable(Int32(bitPattern: scalar(at: start, in: text, end: end).value)) != 0
    }
}
