/// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
/// everything else as is (JSON text is UTF-8). Used by the model file's header and by the
/// command line's JSON output.
///
/// Built byte by byte in UTF-8 (the header's vocabulary alone is over 100 KB): every
/// byte of a multi-byte character is 0x80 or above and is copied as it is.
public func jsonString(_ text: String) -> String {
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    var bytes: [UInt8] = [quote]
    bytes.reserveCapacity(text.utf8.count + 2)
    for byte in text.utf8 {
        switch byte {
        case quote, backslash:
            bytes.append(backslash)
            bytes.append(byte)
        case UInt8(ascii: "\n"):
            bytes.append(backslash)
            bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"):
            bytes.append(backslash)
            bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"):
            bytes.append(backslash)
            bytes.append(UInt8(ascii: "t"))
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes += Array("\\u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        default:
            bytes.append(byte)
        }
    }
    bytes.append(quote)
    return String(decoding: bytes, as: UTF8.self)
}
