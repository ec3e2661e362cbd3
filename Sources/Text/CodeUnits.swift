// The UTF-16 code units the tokenizer's rules look at, named once.
extension UInt16 {
    static let space: UInt16 = 0x20
    static let tab: UInt16 = 0x09
    static let lineFeed: UInt16 = 0x0A
    static let carriageReturn: UInt16 = 0x0D
    static let quotationMark: UInt16 = 0x22   // "
    static let numberSign: UInt16 = 0x23      // #
    static let apostrophe: UInt16 = 0x27      // '
    static let hyphenMinus: UInt16 = 0x2D     // -
    static let fullStop: UInt16 = 0x2E        // .
    static let colon: UInt16 = 0x3A
    static let commercialAt: UInt16 = 0x40    // @
    static let underscore: UInt16 = 0x5F
    static let graveAccent: UInt16 = 0x60     // `
    static let replacementCharacter: UInt16 = 0xFFFD

    /// `c` as a code unit, for comparisons with ASCII literals: `unit == .ascii("n")`.
    static func ascii(_ c: Unicode.Scalar) -> UInt16 { UInt16(c.value) }

    var isASCII: Bool { self < 0x80 }
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var isASCIILowercaseLetter: Bool { self >= 0x61 && self <= 0x7A }
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHighSurrogate: Bool { self & 0xFC00 == 0xD800 }
    var isLowSurrogate: Bool { self & 0xFC00 == 0xDC00 }

    /// Units without which a chunk holds no special token: URLs have `://` (or start
    /// `www.`, checked apart), e-mails and mentions `@`, hashtags `#`, emoticons eyes
    /// `:;=`, hearts `<`, and `^_^ -_- >_< ^^` the rest (`-.-` and `o.o` checked apart).
    var isSpecialTokenTrigger: Bool {
        switch self {
        case 0x3A, 0x3B, 0x3D, 0x40, 0x23, 0x3C, 0x3E, 0x5E, 0x5F: return true  // : ; = @ # < > ^ _
        default: return false
        }
    }

    /// White space that separates chunks after NFKC (which maps the other spaces,
    /// U+00A0, U+2000…U+200A, U+3000 …, to U+0020).
    var isWhiteSpace: Bool {
        switch self {
        case 0x09...0x0D, 0x20, 0x85, 0x1680, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
