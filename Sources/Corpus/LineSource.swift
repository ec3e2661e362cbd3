#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a corpus file (or standard input), read by a `ChunkedLineReader`, so
/// memory stays bounded by the longest line, not the file. Lines come without their `\n`
/// or `\r\n`.
///
/// On opening it reads a whole first chunk to reject empty and binary files with a clear
/// message before any parsing starts, and so that format detection can peek at it. (Fine
/// for files; a live stream is read with `Pipeline.LineReader`, which never waits.)
final class LineSource {
    /// The name used in messages: the path, or `<stdin>`.
    let name: String
    /// The 1-based number of the line most recently returned.
    private(set) var lineNumber = 0

    private let lines: ChunkedLineReader
    private var pushedBack: [(bytes: [UInt8], number: Int)] = []

    /// Opens `path` (`-` for standard input) and checks its first chunk.
    init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            lines = ChunkedLineReader(descriptor: 0, closesDescriptor: false)
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
            lines = ChunkedLineReader(descriptor: opened, closesDescriptor: true)
        }
        do {
            try lines.readAhead(atLeast: ChunkedLineReader.defaultChunkSize)
        } catch {
            throw unreadable(error)
        }
        try checkLooksLikeText()
        // A UTF-8 byte-order mark says nothing about the content; drop it.
        if head.starts(with: TextFileCheck.utf8ByteOrderMark) { lines.skip(TextFileCheck.utf8ByteOrderMark.count) }
    }

    /// The first bytes of the input (up to one chunk), without consuming them.
    var head: ArraySlice<UInt8> { lines.unreadBytes }

    /// The next line, or nil at the end of the input.
    func nextLine() throws -> [UInt8]? {
        if let line = pushedBack.popLast() {
            lineNumber = line.number
            return line.bytes
        }
        let line: [UInt8]
        do {
            guard let read = try lines.nextLine() else { return nil }
            line = Array(read)
        } catch {
            throw unreadable(error)
        }
        lineNumber += 1
        return line
    }

    /// Returns lines to be read again, last-read first; used when a quoted field that
    /// seemed to span lines turns out not to be quoted after all.
    func pushBack(_ lines: [(bytes: [UInt8], number: Int)], resumingAt number: Int) {
        pushedBack.append(contentsOf: lines.reversed())
        lineNumber = number
    }

    private func unreadable(_ failure: ChunkedLineReader.ReadFailure) -> CorpusError {
        CorpusError(file: name, reason: .unreadable(failure.reason))
    }

    /// Empty, whitespace-only, UTF-16 and binary inputs are rejected up front
    /// (`TextFileCheck` says which is which).
    private func checkLooksLikeText() throws {
        let head = self.head
        if lines.reachedEnd && head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw CorpusError(file: name, reason: .emptyFile)
        }
        if let problem = TextFileCheck.problem(head: head, atEnd: lines.reachedEnd) {
            throw CorpusError(file: name, reason: problem)
        }
    }
}
