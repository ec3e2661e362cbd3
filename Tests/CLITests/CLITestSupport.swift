import Foundation
import XCTest

/// What one run of the built `sentiment` binary produced.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `sentiment` executable built beside the test bundle.
/// (On Linux the bundle URL is the build folder itself; on macOS, the `.xctest` inside it.)
var sentimentExecutable: URL {
    let bundle = Bundle(for: CLITestCase.self).bundleURL
    let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("sentiment") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}

/// The cache home of every test run of the binary (one per test process).
let scratchCacheHome = FileManager.default.temporaryDirectory
    .appendingPathComponent("sentiment-cli-cache-\(ProcessInfo.processInfo.processIdentifier)")

/// Base class for tests that run the real binary as a user would.
class CLITestCase: XCTestCase {
    /// A fresh temporary directory, removed after the test.
    func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sentiment-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs `sentiment arguments…` with `stdin` as its standard input.
    func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = sentimentExecutable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // Commands that use the cache by default (train, eval) write to a scratch
        // database, never to the user's own cache.
        env["XDG_CACHE_HOME"] = scratchCacheHome.path
        env.merge(environment) { _, new in new }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        let stdoutData = PipeContents(output), stderrData = PipeContents(error)
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData.wait(), as: UTF8.self),
            stderr: String(decoding: stderrData.wait(), as: UTF8.self)
        )
    }
}

/// Reads a pipe to its end on a background thread.
private final class PipeContents: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// The whole contents, once the writer has closed the pipe.
    func wait() -> Data {
        done.wait()
        return data
    }
}
