import Foundation
import XCTest
@testable import Pipeline

final class LineReaderTests: XCTestCase {
    func makeFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).txt").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testLinesKeepEmptyOnesAndReplaceInvalidUTF8() throws {
        let bytes = Array("one\r\n\ntw".utf8) + [0xFF, 0xC3] + Array("o\nlast".utf8)
        let reader = try LineReader(path: try makeFile(bytes))
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(line) }
        XCTAssertEqual(lines, ["one", "", "tw\u{FFFD}\u{FFFD}o", "last"])
        XCTAssertEqual(reader.lineNumber, 4)
    }

    /// A UTF-8 byte-order mark starting the input is not text (`predict --echo` printed it
    /// back); one anywhere else is kept.
    func testAByteOrderMarkStartingTheInputIsDropped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let reader = try LineReader(path: try makeFile(bom + Array("great\n".utf8) + bom + Array("again".utf8)))
        XCTAssertEqual(try reader.nextLine(), "great")
        XCTAssertEqual(try reader.nextLine(), "\u{FEFF}again")
        XCTAssertEqual(try LineReader(path: try makeFile(bom + Array("whole".utf8))).readAll(), "whole")
    }

    func testLinesLongerThanABlockAndChunksWithNumbers() throws {
        let long = String(repeating: "x", count: 200_000)
        let reader = try LineReader(path: try makeFile(Array("a\n\(long)\nb\nc\n".utf8)))
        let first = try XCTUnwrap(reader.nextLines(limit: 3))
        XCTAssertEqual(first.map(\.number), [1, 2, 3])
        XCTAssertEqual(first.map(\.text.count), [1, 200_000, 1])
        XCTAssertEqual(try reader.nextLines(limit: 3)?.map(\.text), ["c"])
        XCTAssertNil(try reader.nextLines(limit: 3))
    }

    func testAMissingFileIsAnError() {
        XCTAssertThrowsError(try LineReader(path: "/no/such/file.txt")) { error in
            XCTAssertEqual(String(describing: error), "/no/such/file.txt: cannot read (No such file or directory)")
        }
    }

    func testBatcherGroupsABurstAndEndsAtEndOfInput() throws {
        let pipe = Pipe()
        let batcher = LineBatcher(reader: LineReader(descriptor: pipe.fileHandleForReading.fileDescriptor), maxBatch: 4)
        pipe.fileHandleForWriting.write(Data("1\n2\n3\n4\n5\n6\n".utf8))
        try pipe.fileHandleForWriting.close()
        var batches: [[String]] = []
        while let batch = try batcher.nextBatch() { batches.append(batch.map(\.text)) }
        XCTAssertEqual(batches.flatMap { $0 }, ["1", "2", "3", "4", "5", "6"])
        XCTAssertTrue(batches.allSatisfy { $0.count <= 4 })
    }

    func testBatcherAnswersALoneLineWithoutWaitingForMore() throws {
        let pipe = Pipe()
        let batcher = LineBatcher(reader: LineReader(descriptor: pipe.fileHandleForReading.fileDescriptor))
        pipe.fileHandleForWriting.write(Data("only\n".utf8))
        // The input stays open: nextBatch must return the line rather than wait for EOF.
        // It runs on another thread so that a batcher that does wait fails this test
        // (closing the input then releases it) instead of hanging the suite.
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var batch: [String]?
        Thread.detachNewThread {
            batch = try? batcher.nextBatch()?.map(\.text)
            answered.signal()
        }
        let inTime = answered.wait(timeout: .now() + 20) == .success
        try pipe.fileHandleForWriting.close()
        if !inTime { answered.wait() }
        XCTAssertTrue(inTime, "the batcher waited for more input instead of answering the line it had")
        XCTAssertEqual(batch, ["only"])
        XCTAssertNil(try batcher.nextBatch())
    }
}
