/// A span of the normalized text that ICU's word breaking must not see, because it
/// would cut it apart: it is replaced by a placeholder, dropped, or kept whole.
struct SpecialToken {
    enum Kind {
        /// `http://…`, `https://…`, `www.…` (any `scheme://`) → `<url>`
        case url
        /// `name@example.com` → `<email>`
        case email
        /// `@name` → `<user>`
        case user
        /// the `#` of `#hashtag`: dropped, so the hashtag keeps just its word
        case hashtagSign
        /// `:)`, `:-(`, `<3` …: kept whole, as normalized (`:D` → `:d`)
        case emoticon
    }

    var range: Range<Int>
    var kind: Kind
}

extension TokenizerWorkspace {
    /// The first special token in `chunk`, a run of the normalized text between white
    /// space (or what remains of it after a previous special token), if any.
    func findSpecialToken(in chunk: Range<Int>) -> SpecialToken? {
        let text = self.text.base
        let start = chunk.lowerBound, end = chunk.upperBound

        // A whole chunk that is an emoticon, possibly followed by `.,!?`: `:)`, `<3`, `-_-`.
        let leading = emoticonLength(at: start, end: end, atChunkStart: true)
        if leading > 0 && isTrailingPunctuation(start + leading..<end) {
            return SpecialToken(range: start..<start + leading, kind: .emoticon)
        }

        // The core: the chunk without opening and closing punctuation, `(http://x.io).`.
        var coreStart = start
        while coreStart < end && isOpeningPunctuation(text[coreStart]) { coreStart += 1 }
        var coreEnd = end
        while coreEnd > coreStart && isClosingPunctuation(text[coreEnd - 1]) { coreEnd -= 1 }
        if coreStart < coreEnd {
            let first = text[coreStart]
            if isURL(coreStart..<coreEnd) {
                return SpecialToken(range: coreStart..<coreEnd, kind: .url)
            }
            if first == .commercialAt {
                var nameEnd = coreStart + 1
                while nameEnd < coreEnd && isUserNameUnit(text[nameEnd]) { nameEnd += 1 }
                if nameEnd > coreStart + 1 {
                    return SpecialToken(range: coreStart..<nameEnd, kind: .user)
                }
            }
            if first == .numberSign && coreStart + 1 < coreEnd
                && (text[coreStart + 1].isASCIILetter || !text[coreStart + 1].isASCII)
            {
                return SpecialToken(range: coreStart..<coreStart + 1, kind: .hashtagSign)
            }
            if isEmailAddress(coreStart..<coreEnd) {
                return SpecialToken(range: coreStart..<coreEnd, kind: .email)
            }
        }

        // An emoticon glued to the end of a word: `great:)`, `sad:-(`. Only after a letter,
        // so that times and scores (`10:30`, `3:0`) stay numbers.
        var index = start + 1
        while index < end {
            if isEmoticonEye(text[index]) && (text[index - 1].isASCIILetter || !text[index - 1].isASCII) {
                let length = emoticonLength(at: index, end: end, atChunkStart: false)
                if length > 0 && isTrailingPunctuation(index + length..<end) {
                    return SpecialToken(range: index..<index + length, kind: .emoticon)
                }
            }
            index += 1
        }
        return nil
    }

    /// `scheme://…` (the scheme two or more ASCII letters) or `www.…`.
    private func isURL(_ range: Range<Int>) -> Bool {
        let text = self.text.base
        if range.count > 4 && text[range.lowerBound] == .ascii("w") && text[range.lowerBound + 1] == .ascii("w")
            && text[range.lowerBound + 2] == .ascii("w") && text[range.lowerBound + 3] == .fullStop
        {
            return true
        }
        var index = range.lowerBound
        while index < range.upperBound && index - range.lowerBound <= 10 && text[index].isASCIILetter { index += 1 }
        return index - range.lowerBound >= 2 && index + 3 < range.upperBound
            && text[index] == .colon && text[index + 1] == .ascii("/") && text[index + 2] == .ascii("/")
    }

    /// `local@domain.tld`: one `@`, a local part of letters, digits and `._%+-`, a domain
    /// of labels of letters, digits and `-` joined by dots, ending in two or more letters.
    private func isEmailAddress(_ range: Range<Int>) -> Bool {
        let text = self.text.base
        var at = range.lowerBound
        while at < range.upperBound && text[at] != .commercialAt { at += 1 }
        guard at > range.lowerBound, at + 1 < range.upperBound else { return false }
        for index in range.lowerBound..<at {
            let unit = text[index]
            let isLocal = unit.isASCIILetter || unit.isASCIIDigit || !unit.isASCII
                || unit == .fullStop || unit == .underscore || unit == .hyphenMinus
                || unit == .ascii("%") || unit == .ascii("+")
            if !isLocal { return false }
        }
        var lastDot = -1
        for index in at + 1..<range.upperBound {
            let unit = text[index]
            if unit == .fullStop {
                // No empty label: not first, not doubled.
                if index == at + 1 || text[index - 1] == .fullStop { return false }
                lastDot = index
            } else if !(unit.isASCIILetter || unit.isASCIIDigit || !unit.isASCII || unit == .hyphenMinus) {
                return false
            }
        }
        guard lastDot > 0, range.upperBound - lastDot - 1 >= 2 else { return false }
        for index in lastDot + 1..<range.upperBound where !(text[index].isASCIILetter || !text[index].isASCII) {
            return false
        }
        return true
    }

    private func isUserNameUnit(_ unit: UInt16) -> Bool {
        unit.isASCIILetter || unit.isASCIIDigit || unit == .underscore
    }

    private func isOpeningPunctuation(_ unit: UInt16) -> Bool {
        switch unit {
        case .ascii("("), .ascii("["), .ascii("{"), .ascii("<"), .quotationMark, .apostrophe: return true
        default: return false
        }
    }

    private func isClosingPunctuation(_ unit: UInt16) -> Bool {
        switch unit {
        case .ascii(")"), .ascii("]"), .ascii("}"), .ascii(">"), .quotationMark, .apostrophe,
            .fullStop, .ascii(","), .ascii("!"), .ascii("?"), .ascii(";"), .colon:
            return true
        default: return false
        }
    }

    /// Whether `range` holds only sentence punctuation (or nothing), which may follow an
    /// emoticon in the same chunk: `:)!`.
    private func isTrailingPunctuation(_ range: Range<Int>) -> Bool {
        let text = self.text.base
        for index in range {
            switch text[index] {
            case .fullStop, .ascii(","), .ascii("!"), .ascii("?"): continue
            default: return false
            }
        }
        return true
    }
}
