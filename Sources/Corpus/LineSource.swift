#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input) line by line in fixed-size chunks, so memory stays
/// bounded by the longest line, not the file. Lines come without their `\n` or `\r\n`.
///
/// On opening it looks at the first chunk to reject empty and binary files with a clear
/// message before any parsing starts, and so that format detection can peek at it.
final class LineSource {
    /// The name used in messages: the path, or `<stdin>`.
    let name: String
    /// The 1-based number of the line most recently returned.
    private(set) var lineNumber = 0

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    /// How many bytes after `start` are known to hold no newline, so that a long line
    /// arriving over many chunks is scanned once, not once per chunk.
    private var scanned = 0
    private var reachedEnd = false
    private var pushedBack: [(bytes: [UInt8], number: Int)] = []
    /// Scratch space for one `read`, allocated once per source.
    private var chunk: [UInt8] = []

    static let chunkSize = 1 << 16

    /// Opens `path` (`-` for standard input) and checks its first chunk.
    init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            descriptor = 0
            ownsDescriptor = false
        } else {
            name = path
            var info = stat()
            if stat(path, &info) != 0 {
                let code = errno
                throw CorpusError(file: path, reason: code == ENOENT || code == ENOTDIR
                    ? .missingFile : .unreadable(String(cString: strerror(code))))
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw CorpusError(file: path, reason: .isDirectory)
            }
            let opened = open(path, O_RDONLY)
            if opened < 0 {
                throw CorpusError(file: path, reason: .unreadable(String(cString: strerror(errno))))
            }
            descriptor = opened
            ownsDescriptor = true
        }
        try fill(atLeast: Self.chunkSize)
        try checkLooksLikeText()
        // A UTF-8 byte-order mark says nothing about the content; drop it.
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The first bytes of the input (up to one chunk), without consuming them.
    var head: ArraySlice<UInt8> { buffer[start...] }

    /// The next line, or nil at the end of the input.
    func nextLine() throws -> [UInt8]? {
        if let line = pushedBack.popLast() {
            lineNumber = line.number
            return line.bytes
        }
        while true {
            if let newline = indexOfNewline() {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                scanned = 0
                lineNumber += 1
                return line
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = buffer.count
                scanned = 0
                lineNumber += 1
                return line
            }
            try fill(atLeast: Self.chunkSize)
        }
    }

    /// Returns lines to be read again, last-read first; used when a quoted field that
    /// seemed to span lines turns out not to be quoted after all.
    func pushBack(_ lines: [(bytes: [UInt8], number: Int)], resumingAt number: Int) {
        pushedBack.append(contentsOf: lines.reversed())
        lineNumber = number
    }

    private func indexOfNewline() -> Int? {
        let from = start + scanned
        let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard from < bytes.count, let base = bytes.baseAddress else { return nil }
            guard let found = memchr(base + from, Int32(UInt8(ascii: "\n")), bytes.count - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        if found == nil { scanned = buffer.count - start }
        return found
    }

    /// Reads until `count` more unread bytes are buffered or the input ends.
    private func fill(atLeast count: Int) throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let target = buffer.count + count
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: Self.chunkSize) }
        while buffer.count < target && !reachedEnd {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            if got < 0 {
                if errno == EINTR { continue }
                throw CorpusError(file: name, reason: .unreadable(String(cString: strerror(errno))))
            }
            if got == 0 { reachedEnd = true } else { buffer.append(contentsOf: chunk[0..<got]) }
        }
    }

    /// Empty, whitespace-only and binary inputs are rejected up front. Binary means a NUL
    /// byte (also what UTF-16 text looks like) or more than 10% of the first chunk being
    /// invalid UTF-8; a few stray Latin-1 bytes are let through and decoded as U+FFFD.
    private func checkLooksLikeText() throws {
        let head = buffer[start...]
        if reachedEnd && head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw CorpusError(file: name, reason: .emptyFile)
        }
        if head.contains(0) {
            throw CorpusError(file: name, reason: .binaryFile("NUL bytes"))
        }
        let invalid = invalidUTF8ByteCount(head, atEnd: reachedEnd)
        if invalid * 10 > head.count {
            throw CorpusError(file: name, reason: .binaryFile("\(invalid * 100 / head.count)% of the first \(head.count) bytes are not UTF-8"))
        }
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
