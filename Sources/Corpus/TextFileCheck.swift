#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a file's first bytes look like UTF-8 text, the only encoding the readers take.
///
/// UTF-16 text (a byte-order mark, or NUL bytes on every other position, as Windows tools
/// write it) and binary data (any other NUL byte, or more than 10% of the bytes, and at
/// least 8, not being UTF-8) are told apart, so that the message says what to do. A few stray Latin-1 bytes
/// are let through; the readers decode them as U+FFFD.
public enum TextFileCheck {
    /// How many bytes `check(path:)` reads.
    public static let headSize = 8192
    /// The UTF-8 byte-order mark, which says nothing about the content: whoever reads a
    /// text drops it where it starts the input.
    public static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `bytes` without the byte-order mark that starts them, if one does.
    public static func droppingByteOrderMark(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.starts(with: utf8ByteOrderMark) ? bytes.dropFirst(utf8ByteOrderMark.count) : bytes
    }
    /// Fewer bytes that are not UTF-8 than this never make a file binary, whatever their
    /// share: a short Latin-1 text has one or two.
    static let minimumInvalidBytes = 8

    /// What is wrong with `head`, the first bytes of a file (the whole file when `atEnd`),
    /// or nil when it may be UTF-8 text. An empty head is not a problem here.
    public static func problem(head: ArraySlice<UInt8>, atEnd: Bool) -> CorpusError.Reason? {
        if let marked = markedEncoding(head) { return marked }
        if head.contains(0) { return looksLikeUTF16(head) ? .utf16Text : .binaryFile("NUL bytes") }
        let invalid = invalidUTF8ByteCount(head, atEnd: atEnd)
        // A share says little of a few bytes: "caf\u{E9}\n" in Latin-1 is 20% invalid.
        if invalid * 10 > head.count && invalid >= minimumInvalidBytes {
            return .binaryFile("\(invalid * 100 / head.count)% of the first \(head.count) bytes are not UTF-8")
        }
        return nil
    }

    /// Reads the first `headSize` bytes of the file at `path` and throws a `CorpusError`
    /// naming it when they are UTF-16 or binary. A file that cannot be opened or read is
    /// left to the reader that opens it next, which says why. Only a regular file is
    /// read ahead: the bytes of a pipe (`/dev/stdin`, `<(…)`, a FIFO) would be gone for
    /// that reader, and opening a FIFO with no writer blocks.
    public static func check(path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: headSize)
        var filled = 0
        while filled < headSize {
            let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, headSize - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        if let problem = problem(head: head[..<filled], atEnd: filled < headSize) {
            throw CorpusError(file: path, reason: problem)
        }
    }

    /// UTF-32 or UTF-16 when `head` starts with that encoding's byte-order mark, else nil.
    public static func markedEncoding(_ head: ArraySlice<UInt8>) -> CorpusError.Reason? {
        // UTF-32's little-endian mark begins with UTF-16's, so it is looked for first.
        if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) { return .utf32Text }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .utf16Text }
        return nil
    }

    /// True when the NUL bytes sit on one parity of positions, covering at least half of
    /// it, and hardly ever on the other: mostly-ASCII text in UTF-16 without a byte-order mark.
    private static func looksLikeUTF16(_ head: ArraySlice<UInt8>) -> Bool {
        let pairs = head.count / 2
        guard pairs >= 2 else { return false }
        var zeros = (even: 0, odd: 0)
        for (offset, byte) in head.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        let (more, fewer) = (max(zeros.even, zeros.odd), min(zeros.even, zeros.odd))
        return more * 2 >= pairs && fewer * 20 <= pairs
    }
}

/// Counts the bytes that are not part of a well-formed UTF-8 sequence. A sequence cut
/// off by the end of `bytes` counts as valid unless `atEnd` (the chunk boundary split it).
func invalidUTF8ByteCount(_ bytes: ArraySlice<UInt8>, atEnd: Bool) -> Int {
    var invalid = 0
    var index = bytes.startIndex
    while index < bytes.endIndex {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: index += 1; continue
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: invalid += 1; index += 1; continue
        }
        var valid = 1
        while valid < length && index + valid < bytes.endIndex && bytes[index + valid] & 0xC0 == 0x80 {
            valid += 1
        }
        if valid == length || (index + valid == bytes.endIndex && !atEnd) {
            index += valid
        } else {
            invalid += valid
            index += valid
        }
    }
    return invalid
}
