import CICU

extension TokenizerWorkspace {
    /// Hands `body` the UTF-8 bytes of `text[range]`, leaving out characters that never
    /// belong in a token (controls, format characters, white space such as a NUL byte
    /// inside a word). ZWJ and tag characters are kept only in an emoji token, where they
    /// join a sequence (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿). Nothing is emitted if nothing is left.
    mutating func emit(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        tokenBytes.reserve(range.count * 3)
        let text = self.text.base, bytes = tokenBytes.base
        var count = 0
        var keepsJoiners: Bool? = nil
        var index = range.lowerBound
        while index < range.upperBound {
            let unit = text[index]
            if unit < 0x80 {
                if unit > 0x20 && unit != 0x7F {
                    bytes[count] = UInt8(truncatingIfNeeded: unit)
                    count += 1
                }
                index += 1
                continue
            }
            let (value, width) = scalar(at: index, in: text, end: range.upperBound)
            index += width
            if cicu_is_ignorable(Int32(bitPattern: value)) != 0 {
                let isJoiner = value == 0x200D || (0xE0020...0xE007F).contains(value)
                guard isJoiner else { continue }
                if keepsJoiners == nil {
                    let first = scalar(at: range.lowerBound, in: text, end: range.upperBound).value
                    keepsJoiners = cicu_is_extended_pictographic(Int32(bitPattern: first)) != 0
                }
                guard keepsJoiners == true else { continue }
            }
            count += encodeUTF8(value, into: bytes + count)
        }
        if count > 0 {
            try body(UnsafeBufferPointer(start: bytes, count: count))
        }
    }

    /// Hands `body` a fixed token such as `<url>`.
    func emitLiteral(_ token: StaticString, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try body(UnsafeBufferPointer(start: token.utf8Start, count: token.utf8CodeUnitCount))
    }

    /// Emits a special token: its placeholder, its text, or nothing (a hashtag's `#`).
    mutating func emit(_ special: SpecialToken, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        switch special.kind {
        case .url: try emitLiteral("<url>", body)
        case .email: try emitLiteral("<email>", body)
        case .user: try emitLiteral("<user>", body)
        case .hashtagSign: break
        case .emoticon: try emit(special.range, body)
        }
    }
}
