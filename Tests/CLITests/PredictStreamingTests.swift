import Foundation
import XCTest

/// `tail -f chat.log | sentiment predict`: the input stays open, and each line must be
/// answered before the next one arrives.
final class PredictStreamingTests: CLITestCase {
    func testEachLineIsAnsweredBeforeTheNextIsWritten() throws {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let process = sentimentProcess(["predict", "--no-cache", "--model", "m.safetensors"])
        process.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let answers = OutputLines(output)

        // `try` outside the assertions, so that a process that holds an answer back ends the test.
        for text in ["good", "bad\r", "", "fine"] {
            try input.fileHandleForWriting.write(contentsOf: Data("\(text)\n".utf8))
            let answer = try answers.next()
            XCTAssertEqual(answer, text.isEmpty ? "\t" : "positive\t0.7500", "after \(text.debugDescription)")
        }
        try input.fileHandleForWriting.write(contentsOf: Data("no newline".utf8))
        try input.fileHandleForWriting.close()
        let last = try answers.next()
        XCTAssertEqual(last, "positive\t0.7500")
        let end = try answers.next()
        XCTAssertNil(end)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "")
    }

    /// `cache clear` while `predict` writes to the same database: predict goes on, and its
    /// later answers refill the cache.
    func testACacheClearWhilePredictRunsDoesNotStopIt() throws {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let process = sentimentProcess(["predict", "--db", "cache.sqlite", "--model", "m.safetensors"])
        process.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let answers = OutputLines(output)
        for (text, clear) in [("good", ["--predictions"]), ("fine", []), ("great", [])] {
            try input.fileHandleForWriting.write(contentsOf: Data("\(text)\n".utf8))
            let answer = try answers.next()
            XCTAssertEqual(answer, "positive\t0.7500", "after \(text)")
            let cleared = try run(["cache", "clear", "--db", "cache.sqlite"] + clear, currentDirectory: folder)
            XCTAssertEqual(cleared.status, 0, cleared.stderr)
        }
        try input.fileHandleForWriting.write(contentsOf: Data("last\n".utf8))
        try input.fileHandleForWriting.close()
        XCTAssertEqual(try answers.next(), "positive\t0.7500")
        XCTAssertNil(try answers.next())
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "")
        XCTAssertEqual(process.terminationStatus, 0)
        let stats = try run(["cache", "stats", "--db", "cache.sqlite"], currentDirectory: folder)
        XCTAssertTrue(stats.stdout.contains("predictions\t1 rows\n"), "the last answer refilled the cache: \(stats.stdout)")
    }
}

/// The lines a child process writes, collected on a thread of their own as they come.
private final class OutputLines: @unchecked Sendable {
    private let lock = NSLock()
    /// Lines not yet taken; nil marks the end of the output.
    private var lines: [String?] = []
    private let arrived = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending: [UInt8] = []
            while case let data = handle.availableData, !data.isEmpty {
                pending.append(contentsOf: data)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    deliver(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeFirst(newline + 1)
                }
            }
            deliver(nil)
        }
    }

    private func deliver(_ line: String?) {
        lock.lock()
        lines.append(line)
        lock.unlock()
        arrived.signal()
    }

    /// The next line, or nil at the end of the output. The wait only turns a process that
    /// holds its answer back into a failure; an answer takes milliseconds.
    func next() throws -> String? {
        guard arrived.wait(timeout: .now() + 60) == .success else { throw NoAnswer() }
        lock.lock()
        defer { lock.unlock() }
        return lines.removeFirst()
    }
}

private struct NoAnswer: Error, CustomStringConvertible {
    var description: String { "predict gave no answer to a line while its input stayed open" }
}
