// Plain ASCII chunks without ICU. Word breaking is the tokenizer's largest cost, and most
// chunks of English text (`(word`, `don't!!`, `well-made,` `<br`) have UAX #29 segments
// that are known without running the rules. A chunk (already case-folded, between white
// space) is "simple" when it is a sequence of:
//
//   word      [a-z0-9]+, `'` only between two letters (WB5–WB10, WB6/7: one segment),
//             words joined by single hyphens (`segment` joins those into one token)
//   run       `.`+ or `-`+: one token, as `segment` joins them
//   mid       `,` `;` `:` not between two word characters (else ICU may join: `3,000`,
//             and a `.` run of one between word characters likewise falls back)
//   mark      ! ? ( ) [ ] { } " < > / * + = & % $ ~ | ^: always a segment of its own
//
// Anything else (other apostrophes, `_ @ # \` and backquote, controls, non-ASCII; hyphens
// and apostrophes at all with PTB unescaping) sends the chunk to ICU. A chunk ends at white
// space, where UAX #29 always breaks on both sides of an ASCII letter or punctuation mark,
// so cutting ICU's regions there changes no boundary. `FastPathEquivalenceTests` checks
// the result against ICU on random text.

extension TokenizerWorkspace {
    /// Whether `chunk` is simple (see above); emits nothing.
    mutating func isSimpleASCIIChunk(_ chunk: Range<Int>) -> Bool {
        scanSimpleASCIIChunk(chunk, emitting: false) { _ in }
    }

    /// Emits the tokens of a chunk for which `isSimpleASCIIChunk` holds, exactly as
    /// `segment` would from ICU's boundaries.
    mutating func emitSimpleASCIIChunk(_ chunk: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        _ = try scanSimpleASCIIChunk(chunk, emitting: true, body)
    }

    /// One scanner for both: checking (returns false at the first thing it cannot
    /// segment itself) and emitting, so the two cannot drift apart.
    private mutating func scanSimpleASCIIChunk(
        _ chunk: Range<Int>, emitting: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows -> Bool {
        let text = self.text.base
        let end = chunk.upperBound
        let allowsHyphensAndApostrophes = !options.unescapePTBBrackets
        var index = chunk.lowerBound
        @inline(__always) func isWordUnit(_ unit: UInt16) -> Bool { unit.isASCIILowercaseLetter || unit.isASCIIDigit }
        while index < end {
            let unit = text[index]
            if isWordUnit(unit) {
                let wordStart = index
                while index < end {
                    let next = text[index]
                    if isWordUnit(next) {
                        index += 1
                    } else if next == .apostrophe && allowsHyphensAndApostrophes && text[index - 1].isASCIILowercaseLetter
                        && index + 1 < end && text[index + 1].isASCIILowercaseLetter
                    {
                        index += 1
                    } else if next == .hyphenMinus && allowsHyphensAndApostrophes && index + 1 < end
                        && isWordUnit(text[index + 1])
                    {
                        index += 1
                    } else {
                        break
                    }
                }
                if emitting { try emitWord(wordStart..<index, body) }
                continue
            }
            let isBetweenWords = index > chunk.lowerBound && isWordUnit(text[index - 1])
                && index + 1 < end && isWordUnit(text[index + 1])
            switch unit {
            case .fullStop, .hyphenMinus:
                if unit == .hyphenMinus && !allowsHyphensAndApostrophes { return false }
                var runEnd = index + 1
                while runEnd < end && text[runEnd] == unit { runEnd += 1 }
                if runEnd == index + 1 && isBetweenWords { return false }
                if emitting { try emit(index..<runEnd, body) }
                index = runEnd
            case .ascii(","), .ascii(";"), .colon:
                if isBetweenWords { return false }
                if emitting { try emit(index..<index + 1, body) }
                index += 1
            case .ascii("!"), .ascii("?"), .ascii("("), .ascii(")"), .ascii("["), .ascii("]"), .ascii("{"), .ascii("}"),
                .quotationMark, .ascii("<"), .ascii(">"), .ascii("/"), .ascii("*"), .ascii("+"), .ascii("="),
                .ascii("&"), .ascii("%"), .ascii("$"), .ascii("~"), .ascii("|"), .ascii("^"):
                if emitting { try emit(index..<index + 1, body) }
                index += 1
            default:
                return false
            }
        }
        return true
    }
}
