import CICU

extension TokenizerWorkspace {
    /// Writes NFKC_Casefold(`source[..<sourceCount]`) to `text`; returns its length.
    ///
    /// ASCII needs no ICU: NFKC leaves it unchanged and case folding maps A–Z to a–z,
    /// so ASCII runs are folded here and only the non-ASCII runs go through ICU. Each
    /// such run takes the ASCII unit before it along, because a combining mark may
    /// compose with it (`e` + U+0301 → `é`); no ASCII unit composes with what precedes
    /// it, so the run may end at the next ASCII unit.
    /// - Complexity: O(n).
    mutating func normalize(sourceCount: Int, isASCII: Bool) -> Int {
        text.reserve(sourceCount + 16)
        let source = self.source.base
        if isASCII {
            let text = self.text.base
            for index in 0..<sourceCount {
                text[index] = foldASCII(source[index])
            }
            return sourceCount
        }
        var read = 0, written = 0
        var text = self.text.base  // reloaded after every ICU run, which may grow the buffer
        while read < sourceCount {
            while read < sourceCount && source[read] < 0x80 {
                text[written] = foldASCII(source[read])
                read += 1
                written += 1
            }
            guard read < sourceCount else { break }
            var runStart = read
            if runStart > 0 {
                runStart -= 1
                written -= 1
            }
            var runEnd = read
            while runEnd < sourceCount && source[runEnd] >= 0x80 { runEnd += 1 }
            written += normalizeWithICU(source + runStart, count: runEnd - runStart, at: written)
            read = runEnd
            self.text.reserve(written + (sourceCount - read) + 16, preserving: written)
            text = self.text.base
        }
        return written
    }

    /// NFKC_Casefold of one run through ICU, written at `text[offset...]`; returns its length.
    private mutating func normalizeWithICU(_ run: UnsafeMutablePointer<UInt16>, count: Int, at offset: Int) -> Int {
        var available = text.capacity - offset
        var length = Int(cicu_normalize_nfkc_casefold(run, Int32(count), text.base + offset, Int32(available)))
        if length > available {
            // NFKC may expand a lot (U+FDFA is 18 units): make room and run again.
            text.reserve(offset + length + 16, preserving: offset)
            available = text.capacity - offset
            length = Int(cicu_normalize_nfkc_casefold(run, Int32(count), text.base + offset, Int32(available)))
        }
        if length < 0 || length > available {
            // ICU could not normalize (missing data): keep the text as it is rather than fail.
            (text.base + offset).update(from: run, count: count)
            return count
        }
        return length
    }

    @inline(__always)
    private func foldASCII(_ unit: UInt16) -> UInt16 {
        unit >= 0x41 && unit <= 0x5A ? unit | 0x20 : unit
    }
}
