import Corpus
import Foundation

/// Reads lines as text from a file or descriptor: a `Corpus.ChunkedLineReader` does the
/// reading (64 KiB blocks, memory flat whatever the file size, a line returned as soon as
/// its newline arrives, for pipes and `tail -f`; `\n` and `\r\n` end lines; a last line
/// without a newline counts), and this decodes each line, turning bytes that are not
/// UTF-8 into U+FFFD instead of failing.
public final class LineReader {
    private let lines: ChunkedLineReader
    /// The 1-based number of the last line returned.
    public private(set) var lineNumber = 0
    /// The path given to `init(path:)`, or `-` for standard input.
    public let path: String
    /// Whether the first line that is not empty (or the whole input, for `readAll`) is
    /// still to be checked for UTF-16 or binary bytes before it is decoded: set for
    /// standard input (`init()`, `init(path: "-")`; `predict` and `explain` read it
    /// through the first, and used to print garbage for UTF-16), since a file's first bytes are checked before
    /// the run (`TextFileCheck.check(path:)`) and standard input cannot be peeked at.
    private var checksFirstText = false

    /// Reads standard input.
    public convenience init() {
        self.init(descriptor: STDIN_FILENO)
        checksFirstText = true
    }

    /// Reads an open descriptor (a pipe, a socket), which stays open afterwards.
    public convenience init(descriptor: Int32, path: String = "-") {
        self.init(lines: ChunkedLineReader(descriptor: descriptor, closesDescriptor: false), path: path)
    }

    /// Reads the file at `path`; `-` means standard input.
    public convenience init(path: String) throws {
        if path == "-" {
            self.init()
            return
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PipelineError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        self.init(lines: ChunkedLineReader(descriptor: descriptor, closesDescriptor: true), path: path)
    }

    private init(lines: ChunkedLineReader, path: String) {
        self.lines = lines
        self.path = path
    }

    /// The next line without its line ending, or nil at the end of the input.
    public func nextLine() throws -> String? {
        let line: String
        do {
            guard var bytes = try lines.nextLine() else { return nil }
            // A UTF-8 byte-order mark says nothing about the content (`predict --echo`
            // printed it back); dropped as `Corpus.LineSource` drops it.
            if lineNumber == 0 { bytes = TextFileCheck.droppingByteOrderMark(bytes) }
            try checkFirstText(bytes)
            line = String(decoding: bytes, as: UTF8.self)
        } catch let error as ChunkedLineReader.ReadFailure {
            throw PipelineError.unreadable(path: path, reason: error.reason)
        }
        lineNumber += 1
        return line
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
        do {
            let bytes = TextFileCheck.droppingByteOrderMark(try lines.readToEnd())
            try checkFirstText(bytes)
            return String(decoding: bytes, as: UTF8.self)
        } catch let error as ChunkedLineReader.ReadFailure {
            throw PipelineError.unreadable(path: path, reason: error.reason)
        }
    }

    /// Throws a `CorpusError` for `<stdin>` when `checksFirstText` is set and `bytes`, the
    /// first text that is not empty, start with a UTF-16 or UTF-32 byte-order mark (which
    /// may be a line by itself: "\n" is 0A 00) or hold NUL bytes (UTF-16 or binary data;
    /// UTF-8 text never has them). Stray bytes that are not UTF-8 are let through to
    /// become U+FFFD: one short line is too little to judge by their share.
    private func checkFirstText(_ bytes: ArraySlice<UInt8>) throws {
        guard checksFirstText, !bytes.isEmpty else { return }
        checksFirstText = false
        let head = bytes.prefix(TextFileCheck.headSize)
        let problem = TextFileCheck.markedEncoding(head)
            ?? (bytes.contains(0) ? TextFileCheck.problem(head: head, atEnd: bytes.count <= TextFileCheck.headSize) : nil)
        if let problem { throw CorpusError(file: "<stdin>", reason: problem) }
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
            return "no files matching '\(pattern)' in \(paths.joined(separator: ", "))"
        }
    }
}
