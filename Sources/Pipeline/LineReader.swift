import Foundation

/// Reads lines from a file descriptor in 64 KiB blocks: memory stays flat whatever the
/// file size, and a line is returned as soon as its newline arrives (for pipes and
/// `tail -f`). `\n` and `\r\n` end lines; a last line without a newline counts; bytes
/// that are not UTF-8 become U+FFFD instead of failing.
public final class LineReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var isAtEnd = false
    /// The 1-based number of the last line returned.
    public private(set) var lineNumber = 0
    /// The path given to `init(path:)`, or `-` for standard input.
    public let path: String

    /// Reads standard input.
    public init() {
        descriptor = STDIN_FILENO
        ownsDescriptor = false
        path = "-"
    }

    /// Reads an open descriptor (a pipe, a socket), which stays open afterwards.
    public init(descriptor: Int32, path: String = "-") {
        self.descriptor = descriptor
        ownsDescriptor = false
        self.path = path
    }

    /// Reads the file at `path`; `-` means standard input.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PipelineError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next line without its line ending, or nil at the end of the input.
    public func nextLine() throws -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                lineNumber += 1
                return line
            }
            if isAtEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = buffer.count
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// Up to `limit` lines with their numbers; nil at the end. Returns early (with at
    /// least one line) only at the end of the input.
    public func nextLines(limit: Int) throws -> [(number: Int, text: String)]? {
        var lines: [(number: Int, text: String)] = []
        while lines.count < limit, let line = try nextLine() { lines.append((lineNumber, line)) }
        return lines.isEmpty ? nil : lines
    }

    /// The rest of the input as one text (a whole file as one document).
    public func readAll() throws -> String {
        while !isAtEnd { try fill() }
        let text = String(decoding: buffer[start...], as: UTF8.self)
        start = buffer.count
        return text
    }

    private func fill() throws {
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        let blockSize = 1 << 16
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + blockSize)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: blockSize))
        repeat {
            got = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress! + oldCount, blockSize) }
        } while got < 0 && errno == EINTR
        if got < 0 {
            let reason = String(cString: strerror(errno))
            buffer.removeLast(blockSize)
            throw PipelineError.unreadable(path: path, reason: reason)
        }
        buffer.removeLast(blockSize - got)
        if got == 0 { isAtEnd = true }
    }
}

/// Why the pipeline could not read its input.
public enum PipelineError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case noInputFiles(paths: [String], pattern: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path == "-" ? "standard input" : path): cannot read (\(reason))"
        case let .noInputFiles(paths, pattern):
            return "no files matching \(pattern) in \(paths.joined(separator: ", "))"
        }
    }
}
