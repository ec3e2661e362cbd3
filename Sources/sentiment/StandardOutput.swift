import Files
import Foundation

/// Buffered stdout that ends quietly on a broken pipe (`sentiment … | head -1`).
final class StandardOutput {
    static let shared = StandardOutput()

    struct BrokenPipe: Error {}

    /// The file standard output was redirected to (`classify -o`), named in write errors.
    var destination: String?

    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 16

    /// SIGPIPE would kill the process with status 141; ignoring it turns a closed
    /// pipe into an EPIPE write error, which ends the process with status 0.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// A process started with standard input, output or error closed (`>&-`) would hand
    /// that number to the next file it opens, and then write its results into, say, the
    /// output file's temporary copy. Each closed one is held by /dev/null opened the other
    /// way round, so that writing to it (or reading from it) fails as it would have.
    static func holdClosedStandardDescriptors() {
        for (descriptor, flags) in [(STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_RDONLY)]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let held = open("/dev/null", flags)
            if held >= 0, held != descriptor {
                dup2(held, descriptor)
                close(held)
            }
        }
    }

    static func isBrokenPipe(_ error: Error) -> Bool {
        error is BrokenPipe
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes a line and flushes it at once: for interactive and streaming output.
    func writeLineNow(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        try flush()
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                buffer.removeAll(keepingCapacity: true)
                if errno == EPIPE { throw BrokenPipe() }
                let reason = String(cString: strerror(errno))
                if let destination { throw OutputFileError(path: destination, problem: .writeFailed(reason)) }
                throw RuntimeError(description: "cannot write to standard output: \(reason)")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Diagnostics and progress: unbuffered stderr.
enum StandardError {
    static func writeLine(_ line: String) {
        write(line + "\n")
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            _ = Foundation.write(STDERR_FILENO, raw.baseAddress!, raw.count)
        }
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
