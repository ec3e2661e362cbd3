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

/// The cache home of every test run of the binary (one per test process, removed after
/// each test class).
let scratchCacheHome = FileManager.default.temporaryDirectory
    .appendingPathComponent("sentiment-cli-cache-\(ProcessInfo.processInfo.processIdentifier)")

/// Base class for tests that run the real binary as a user would.
class CLITestCase: XCTestCase {
    /// The binary makes the scratch cache home again when a later class needs it.
    override class func tearDown() {
        try? FileManager.default.removeItem(at: scratchCacheHome)
        super.tearDown()
    }

    /// A fresh temporary directory, removed after the test.
    func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sentiment-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A fresh temporary directory holding `m.safetensors`, a model that gives every text
    /// `probabilities` (`writeConstantModel`; negative and positive).
    func makeFolderWithConstantModel(probabilities: [Float] = [0.25, 0.75]) throws -> (directory: URL, model: URL) {
        let directory = try makeTemporaryDirectory()
        let model = directory.appendingPathComponent("m.safetensors")
        try writeConstantModel(to: model, probabilities: probabilities)
        return (directory, model)
    }

    /// Runs `sentiment arguments…` with `stdin` as its standard input.
    func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CommandResult {
        let process = sentimentProcess(arguments, environment: environment)
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        return try collect(process, stdin: stdin)
    }

    /// Runs `bash -c script arguments…` (pipelines, and commands around the binary; the
    /// first of `arguments` is the script's `$0`) in `directory`, with
    /// `sentimentProcess`'s environment and the built binary's folder first on PATH;
    /// standard input is empty.
    func runShell(_ script: String, arguments: [String] = [], in directory: URL) throws -> CommandResult {
        let process = sentimentProcess(["-c", script] + arguments)
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.currentDirectoryURL = directory
        var environment = process.environment ?? [:]
        environment["PATH"] = sentimentExecutable.deletingLastPathComponent().path + ":"
            + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        return try collect(process, stdin: "")
    }

    /// Starts `process` with `stdin` as its standard input and waits for it, reading
    /// both output pipes concurrently so a large output cannot block the child.
    private func collect(_ process: Process, stdin: String) throws -> CommandResult {
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
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

/// The built binary set up to run `sentiment arguments…`. Commands that use the cache by
/// default (train, eval) write to a scratch database, never to the user's own cache;
/// `environment` goes on top.
func sentimentProcess(_ arguments: [String], environment: [String: String] = [:]) -> Process {
    let process = Process()
    process.executableURL = sentimentExecutable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["XDG_CACHE_HOME"] = scratchCacheHome.path
    env.merge(environment) { _, new in new }
    process.environment = env
    return process
}

/// A `sentiment` process started by `CLITestCase.launch`, for a test that interrupts it.
struct LaunchedCommand {
    let process: Process
    let stderr: FileHandle
    /// What the process wrote to stderr before `launch` returned.
    let seen: Data

    /// Sends `signal` (each of `signals`, back to back), waits for the process to end,
    /// and returns all it wrote to stderr.
    func stop(with signal: Int32, _ more: Int32...) -> String {
        for number in [signal] + more { kill(process.processIdentifier, number) }
        let rest = stderr.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: seen + rest, as: UTF8.self)
    }
}

extension CLITestCase {
    /// Starts `sentiment arguments…` (stdout discarded) and returns once its stderr has
    /// shown `marker`, or ended.
    func launch(_ arguments: [String], waitingForStderr marker: String) throws -> LaunchedCommand {
        let process = sentimentProcess(arguments)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains(marker) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        return LaunchedCommand(process: process, stderr: errors.fileHandleForReading, seen: seen)
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

extension CommandResult {
    /// A usage error's message: its one line on stderr without the `(see '… --help')`
    /// after it.
    var usageMessage: String {
        let line = String(stderr.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        return line.range(of: " (see 'sentiment").map { String(line[..<$0.lowerBound]) } ?? line
    }
}
