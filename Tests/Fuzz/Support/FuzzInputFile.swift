#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One scratch file per fuzzer process, for readers that only take a path (corpus
/// files, word vectors). It is unlinked as soon as it is created and reached through
/// `/proc/self/fd/N`: every `open` of that path starts at offset 0, and a crash leaves
/// nothing behind in the temporary directory. It lives in /dev/shm when there is one:
/// rewriting a file on a disk-backed /tmp made these targets twenty times slower.
enum FuzzInputFile {
    private static let descriptor: Int32 = {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/sentiment-fuzz-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(descriptor >= 0, "mkstemp: \(String(cString: strerror(errno)))")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }()

    /// Replaces the file's contents with `bytes` and returns a path that reads them.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        precondition(ftruncate(descriptor, 0) == 0, "ftruncate: \(String(cString: strerror(errno)))")
        var offset = 0
        while offset < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(offset))
            if written < 0 && errno == EINTR { continue }
            precondition(written > 0, "pwrite: \(String(cString: strerror(errno)))")
            offset += written
        }
        return "/proc/self/fd/\(descriptor)"
    }
}

/// The fuzzer's input as a buffer (libFuzzer passes a null pointer for the empty input).
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
}

/// Stops the run with a message libFuzzer reports as a crash, for an invariant that does
/// not hold (a round trip that changes a value, two code paths that disagree).
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        fputs("fuzz check failed: \(message())\n", stderr)
        abort()
    }
}
