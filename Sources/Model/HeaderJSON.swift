import Foundation

/// A strict JSON reader for safetensors headers, over UTF-8 bytes.
///
/// Why not `JSONSerialization`: a model's header carries its whole vocabulary as one
/// string with tens of thousands of `\n` escapes, and Foundation's parser spent about
/// half of a cold start's instructions on it. This reader copies unescaped runs of bytes
/// in one go. It yields the same shapes as `JSONSerialization` (`[String: Any]`, `[Any]`,
/// `String`, `NSNumber`, `NSNull`), so the header checks read its output unchanged.
///
/// - Complexity: O(n) in the header's length; nesting deeper than `maximumDepth` is
///   rejected rather than recursed into.
enum HeaderJSON {
    struct SyntaxError: Error {}

    static let maximumDepth = 32

    /// The one JSON value in `bytes` (white space around it allowed, nothing else).
    static func parse(_ raw: UnsafeRawBufferPointer) throws -> Any {
        // Model bytes come from a [UInt8], Data or the embedded C array: memory of bytes.
        let buffer = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
        var reader = Reader(bytes: buffer)
        let value = try reader.value(depth: 0)
        reader.skipWhiteSpace()
        guard reader.offset == buffer.count else { throw SyntaxError() }
        return value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        mutating func skipWhiteSpace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value(depth: Int) throws -> Any {
            guard depth < HeaderJSON.maximumDepth else { throw SyntaxError() }
            skipWhiteSpace()
            guard offset < bytes.count else { throw SyntaxError() }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"): try literal("true"); return NSNumber(value: true)
            case UInt8(ascii: "f"): try literal("false"); return NSNumber(value: false)
            case UInt8(ascii: "n"): try literal("null"); return NSNull()
            default: return try number()
            }
        }

        private mutating func expect(_ character: Unicode.Scalar) throws {
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: character) else { throw SyntaxError() }
            offset += 1
        }

        /// True (and consumed) when the next non-space byte is `character`.
        private mutating func consume(_ character: Unicode.Scalar) -> Bool {
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: character) else { return false }
            offset += 1
            return true
        }

        private mutating func object(depth: Int) throws -> [String: Any] {
            try expect("{")
            var result: [String: Any] = [:]
            if consume("}") { return result }
            repeat {
                skipWhiteSpace()
                let key = try string()
                try expect(":")
                result[key] = try value(depth: depth + 1)
            } while consume(",")
            try expect("}")
            return result
        }

        private mutating func array(depth: Int) throws -> [Any] {
            try expect("[")
            var result: [Any] = []
            if consume("]") { return result }
            repeat {
                result.append(try value(depth: depth + 1))
            } while consume(",")
            try expect("]")
            return result
        }

        private mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard offset + count <= bytes.count else { throw SyntaxError() }
            for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { throw SyntaxError() }
            offset += count
        }

        /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number() throws -> NSNumber {
            let start = offset
            func digits() -> Int {
                let first = offset
                while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
                return offset - first
            }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            let integerStart = offset
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
                throw SyntaxError()
            }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
                offset += 1
                guard digits() > 0 else { throw SyntaxError() }
            }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
                offset += 1
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                    offset += 1
                }
                guard digits() > 0 else { throw SyntaxError() }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            guard let number = Double(text) else { throw SyntaxError() }
            return NSNumber(value: number)
        }

        /// The index of the first quote, backslash or control byte (< 0x20) at or after
        /// `start`, or `bytes.count`. Eight bytes at a time: in a little-endian word,
        /// the lowest flagged byte of each test below is the first match (a borrow only
        /// flags bytes above a true match), and so is the lowest of their union.
        private func nextSpecialByte(from start: Int) -> Int {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let raw = UnsafeRawPointer(bytes.baseAddress)
            var index = start
            while index + 8 <= bytes.count {
                let word = raw!.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let flags = ((word &- ones &* 0x20) & ~word
                    | (quote &- ones) & ~quote
                    | (backslash &- ones) & ~backslash) & highs
                if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
                index += 8
            }
            while index < bytes.count, bytes[index] >= 0x20, bytes[index] != UInt8(ascii: "\""),
                  bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
            return index
        }

        private mutating func string() throws -> String {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw SyntaxError() }
            offset += 1
            // One pass: runs of plain bytes are copied whole, the buffer growing as it
            // must (a model's vocabulary is one 700 KB string).
            let count = bytes.count
            var decoded: [UInt8] = []
            var runStart = offset
            while true {
                // The plain run up to the next quote, escape or control byte.
                offset = nextSpecialByte(from: offset)
                guard offset < count else { throw SyntaxError() }
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else { throw SyntaxError() }
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                offset += 1
                guard offset < bytes.count else { throw SyntaxError() }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "u"): decoded.append(contentsOf: try unicodeEscape())
                default: throw SyntaxError()
                }
                runStart = offset
            }
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
            offset += 1
            guard let text = String(validating: decoded, as: UTF8.self) else { throw SyntaxError() }
            return text
        }

        /// After `\u`: four hex digits, or a surrogate pair `\uD8xx\uDCxx`; the UTF-8 bytes.
        private mutating func unicodeEscape() throws -> [UInt8] {
            var value = try hexQuad()
            if (0xD800...0xDBFF).contains(value) {
                guard offset + 2 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                      bytes[offset + 1] == UInt8(ascii: "u") else { throw SyntaxError() }
                offset += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw SyntaxError() }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw SyntaxError() }
            return Array(String(Character(scalar)).utf8)
        }

        private mutating func hexQuad() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw SyntaxError() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else { throw SyntaxError() }
                value = value << 4 | UInt32(digit)
                offset += 1
            }
            return value
        }
    }
}
