// Emoticons, matched on normalized text: case folding has already turned `:D` into `:d`
// and `:P` into `:p`, and the token keeps that folded form, like every other token.

/// Eye characters that start a Western emoticon: `:` `;` `=`.
func isEmoticonEye(_ unit: UInt16) -> Bool {
    unit == .colon || unit == .ascii(";") || unit == .ascii("=")
}

/// Nose characters between a Western emoticon's eyes and mouth: `-` `'` `^`.
func isEmoticonNose(_ unit: UInt16) -> Bool {
    unit == .hyphenMinus || unit == .apostrophe || unit == .ascii("^")
}

/// Emoticons that do not follow the eyes-nose-mouth pattern; matched at a chunk start.
private let fixedEmoticons: [[UInt16]] = [
    "</3", "<3", "^_^", "^.^", "^^", "-_-", "-.-", "o_o", "o.o", "t_t", ">_<", ">.<", ";_;",
    ">:(", ">:)",
].map { Array($0.utf16) }

/// Mouths after each kind of eyes. `:` takes the most; `;` and `=` fewer, so that
/// `x=3` or `a;s` are not faces.
func isMouth(_ unit: UInt16, eyes: UInt16) -> Bool {
    switch unit {
    case .ascii(")"), .ascii("("), .ascii("]"), .ascii("["), .ascii("d"), .ascii("p"), .ascii("/"):
        return true
    case .ascii("|"), .ascii("*"), .ascii("o"), .ascii("\\"), .ascii("3"), .ascii("s"), .ascii("x"),
        .ascii("$"), .ascii("@"), .ascii("}"), .ascii("{"), .ascii("c"):
        return eyes == .colon
    default:
        return false
    }
}

extension TokenizerWorkspace {
    /// The length of the emoticon starting at `start` in `text[..<end]`, or 0.
    ///
    /// Western faces: eyes `:;=`, an optional nose `-'^`, a mouth, the mouth repeated
    /// (`:)))`, already capped at three). At a chunk start also the mirrored faces
    /// `(:`, `):`, `(-:` and the fixed ones (`<3`, `^_^`, `-_-` …).
    func emoticonLength(at start: Int, end: Int, atChunkStart: Bool) -> Int {
        let text = self.text.base
        let first = text[start]
        if isEmoticonEye(first) {
            var index = start + 1
            if index < end && isEmoticonNose(text[index]) { index += 1 }
            guard index < end && isMouth(text[index], eyes: first) else { return 0 }
            let mouth = text[index]
            index += 1
            while index < end && text[index] == mouth { index += 1 }
            return index - start
        }
        guard atChunkStart else { return 0 }
        if first == .ascii("(") || first == .ascii(")") {
            var index = start + 1
            if index < end && text[index] == .hyphenMinus { index += 1 }
            guard index < end && text[index] == .colon else { return 0 }
            return index + 1 - start
        }
        switch first {
        case .ascii("<"), .ascii("^"), .hyphenMinus, .ascii("o"), .ascii("t"), .ascii(">"), .ascii(";"): break
        default: return 0
        }
        for emoticon in fixedEmoticons where emoticon.count <= end - start {
            var matches = true
            for (offset, unit) in emoticon.enumerated() where text[start + offset] != unit {
                matches = false
                break
            }
            guard matches else { continue }
            var index = start + emoticon.count
            // `<333` is a heart too.
            if emoticon.last == .ascii("3") {
                while index < end && text[index] == .ascii("3") { index += 1 }
            }
            return index - start
        }
        return 0
    }
}
