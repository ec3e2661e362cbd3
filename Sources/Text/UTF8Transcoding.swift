// UTF-8 ⇄ UTF-16 for the tokenizer's buffers. ICU works on UTF-16; Swift strings and the
// token bytes handed to callers are UTF-8.

/// Decodes UTF-8 `bytes` into `destination` as UTF-16, replacing each maximal invalid
/// subsequence with U+FFFD (as Swift's `String(decoding:as:)` and the Unicode standard
/// recommend): stray continuation bytes, overlong forms, encoded surrogates, truncation.
///
/// `destination` needs room for `bytes.count` units (UTF-16 never takes more units than
/// UTF-8 takes bytes). Returns the number of units written and whether all were ASCII.
/// - Complexity: O(n).
func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt16>)
    -> (count: Int, isASCII: Bool)
{
    let count = bytes.count
    guard let source = bytes.baseAddress else { return (0, true) }
    var read = 0, written = 0
    var isASCII = true
    while read < count {
        // Eight ASCII bytes at a time: the common case in English text.
        while read + 8 <= count {
            let word = UnsafeRawPointer(source + read).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            for k in 0..<8 { destination[written + k] = UInt16(source[read + k]) }
            read += 8
            written += 8
        }
        guard read < count else { break }
        let lead = source[read]
        if lead < 0x80 {
            destination[written] = UInt16(lead)
            written += 1
            read += 1
            continue
        }
        isASCII = false
        // Table 3-7 of the Unicode standard: well-formed UTF-8 byte sequences.
        var needed = 0
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        var scalar = UInt32(0)
        switch lead {
        case 0xC2...0xDF: needed = 1; scalar = UInt32(lead & 0x1F)
        case 0xE0: needed = 2; lower = 0xA0; scalar = UInt32(lead & 0x0F)
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2; scalar = UInt32(lead & 0x0F)
        case 0xED: needed = 2; upper = 0x9F; scalar = UInt32(lead & 0x0F)  // no surrogates
        case 0xF0: needed = 3; lower = 0x90; scalar = UInt32(lead & 0x07)
        case 0xF1...0xF3: needed = 3; scalar = UInt32(lead & 0x07)
        case 0xF4: needed = 3; upper = 0x8F; scalar = UInt32(lead & 0x07)
        default: needed = -1
        }
        var next = read + 1
        var isValid = needed > 0
        if isValid {
            for k in 0..<needed {
                guard next < count else { isValid = false; break }
                let byte = source[next]
                let low = k == 0 ? lower : 0x80, high = k == 0 ? upper : 0xBF
                guard byte >= low && byte <= high else { isValid = false; break }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
                next += 1
            }
        }
        if !isValid {
            // The lead byte and any valid continuation bytes after it form one
            // maximal subpart: one U+FFFD for all of them.
            destination[written] = .replacementCharacter
            written += 1
            read = next
            continue
        }
        written += encodeUTF16(scalar, into: destination + written)
        read = next
    }
    return (written, isASCII)
}

/// Writes `scalar` as one or two UTF-16 units; returns how many.
@inline(__always)
func encodeUTF16(_ scalar: UInt32, into destination: UnsafeMutablePointer<UInt16>) -> Int {
    if scalar < 0x10000 {
        destination[0] = UInt16(truncatingIfNeeded: scalar)
        return 1
    }
    let offset = scalar - 0x10000
    destination[0] = 0xD800 | UInt16(truncatingIfNeeded: offset >> 10)
    destination[1] = 0xDC00 | UInt16(truncatingIfNeeded: offset & 0x3FF)
    return 2
}

/// Writes `scalar` as one to four UTF-8 bytes; returns how many.
@inline(__always)
func encodeUTF8(_ scalar: UInt32, into destination: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case ..<0x80:
        destination[0] = UInt8(truncatingIfNeeded: scalar)
        return 1
    case ..<0x800:
        destination[0] = 0xC0 | UInt8(truncatingIfNeeded: scalar >> 6)
        destination[1] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
        return 2
    case ..<0x10000:
        destination[0] = 0xE0 | UInt8(truncatingIfNeeded: scalar >> 12)
        destination[1] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F)
        destination[2] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
        return 3
    default:
        destination[0] = 0xF0 | UInt8(truncatingIfNeeded: scalar >> 18)
        destination[1] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 12) & 0x3F)
        destination[2] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F)
        destination[3] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
        return 4
    }
}

/// The scalar starting at `index` of `text[..<end]` and its width in units. A lone
/// surrogate reads as U+FFFD (decodeUTF8 never produces one, but ICU output is not ours).
@inline(__always)
func scalar(at index: Int, in text: UnsafeMutablePointer<UInt16>, end: Int) -> (value: UInt32, width: Int) {
    let unit = text[index]
    if unit & 0xF800 != 0xD800 { return (UInt32(unit), 1) }
    if unit.isHighSurrogate, index + 1 < end, text[index + 1].isLowSurrogate {
        let value = 0x10000 + (UInt32(unit & 0x3FF) << 10) + UInt32(text[index + 1] & 0x3FF)
        return (value, 2)
    }
    return (0xFFFD, 1)
}
