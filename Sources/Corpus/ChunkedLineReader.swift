#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits what a file descriptor delivers into lines, reading it in chunks (64 KiB by
/// default) so that memory stays bounded by the longest line, not the input. `\n` and
/// `\r\n` end lines, also when a read boundary falls between the two; a last line without
/// a newline counts.
///
/// A line is handed out as soon as its newline has been read: `nextLine` calls `read` only
/// when the buffered bytes hold no whole line, and takes what one `read` returns, so over
/// a pipe or `tail -f` it never waits for a chunk to fill or for input past the current
/// line. The corpus readers (`LineSource`, which adds checks of the first chunk, the
/// byte-order mark and push-back) and `Pipeline.LineReader` (which decodes to `String`)
/// both build on this one. Like a file handle, it is for one thread at a time.
public final class ChunkedLineReader {
    /// A `read` that failed, with the C library's reason (`Is a directory`).
    public struct ReadFailure: Error, Equatable, Sendable {
        public let reason: String
    }

    public static let defaultChunkSize = 1 << 16

    /// True once `read` has reported the end of the input; lines may still be buffered.
    public private(set) var reachedEnd = false

    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let chunkSize: Int
    /// The bytes read so far that are still needed: the unread ones start at `start`, and
    /// those before it are dropped before the next `read`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// How many bytes after `start` are known to hold no newline, so that a long line
    /// arriving over many reads is scanned once, not once per read.
    private var scanned = 0
    /// Room for one `read`, allocated on the first.
    private var chunk: [UInt8] = []

    /// Reads `descriptor`, and closes it when done if `closesDescriptor`.
    /// `chunkSize` is the most one `read` asks for.
    public init(descriptor: Int32, closesDescriptor: Bool, chunkSize: Int = defaultChunkSize) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.chunkSize = chunkSize
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// The bytes read but not yet handed out, without consuming them.
    public var unreadBytes: ArraySlice<UInt8> { buffer[start...] }

    /// The next line without its `\n` or `\r\n`, or nil at the end of the input.
    ///
    /// The slice shares the reader's buffer: turn it into what you need (`Array`,
    /// `String(decoding:as:)`) before the next call, or the next read copies the buffer.
    /// - Complexity: O(length of the line) amortized; each byte is scanned once.
    public func nextLine() throws(ReadFailure) -> ArraySlice<UInt8>? {
        while true {
            let lineEnd: Int
            if let newline = indexOfNewline() {
                lineEnd = newline
            } else if reachedEnd {
                guard start < buffer.count else { return nil }
                lineEnd = buffer.count
            } else {
                try readOnce()
                continue
            }
            var end = lineEnd
            if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = buffer[start..<end]
            start = min(lineEnd + 1, buffer.count)
            scanned = 0
            return line
        }
    }

    /// Reads until `count` unread bytes are buffered or the input ends, for a look at the
    /// start of the input (`unreadBytes`) before taking lines. On a pipe this waits for
    /// that much input: `nextLine` alone never does.
    public func readAhead(atLeast count: Int) throws(ReadFailure) {
        while buffer.count - start < count && !reachedEnd { try readOnce() }
    }

    /// Drops the first `count` unread bytes (a byte-order mark).
    public func skip(_ count: Int) {
        precondition(count <= buffer.count - start, "cannot skip bytes not read yet")
        start += count
        scanned = max(0, scanned - count)
    }

    /// The rest of the input, through its end, as one run of bytes (a whole file as one
    /// document). Like `nextLine`'s, the slice shares the reader's buffer.
    public func readToEnd() throws(ReadFailure) -> ArraySlice<UInt8> {
        while !reachedEnd { try readOnce() }
        let rest = buffer[start...]
        start = buffer.count
        scanned = 0
        return rest
    }

    /// The index of the first `\n` at or after `start`, looking only at bytes not
    /// scanned before.
    private func indexOfNewline() -> Int? {
        let from = start + scanned
        let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard from < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + from, Int32(UInt8(ascii: "\n")), bytes.count - from)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        if found == nil { scanned = buffer.count - start }
        return found
    }

    /// One `read` of up to a chunk, appended to the buffer after dropping the bytes
    /// already handed out (from `nextLine`, only the start of one unfinished line is left
    /// to move).
    private func readOnce() throws(ReadFailure) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: chunkSize) }
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if got > 0 {
                buffer.append(contentsOf: chunk[0..<got])
            } else if got == 0 {
                reachedEnd = true
            } else if errno == EINTR {
                continue
            } else {
                throw ReadFailure(reason: String(cString: strerror(errno)))
            }
            return
        }
    }
}
