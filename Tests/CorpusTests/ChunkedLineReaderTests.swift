import Foundation
import XCTest
import Corpus

final class ChunkedLineReaderTests: CorpusTestCase {
    /// A reader over a file holding `bytes`, asking for `chunkSize` bytes per `read`; a
    /// regular file answers each read in full, so the chunk boundaries are known.
    func reader(_ bytes: [UInt8], chunkSize: Int) throws -> ChunkedLineReader {
        let path = try write(Data(bytes), to: "lines-\(UUID().uuidString).txt")
        let descriptor = open(path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        return ChunkedLineReader(descriptor: descriptor, closesDescriptor: true, chunkSize: chunkSize)
    }

    func allLines(_ reader: ChunkedLineReader) throws -> [String] {
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    func testLinesSplitAcrossChunkBoundariesComeOutWhole() throws {
        let text = Array("alpha\nbeta\n\ngamma delta\n".utf8)
        for chunkSize in 1...text.count + 1 {
            XCTAssertEqual(try allLines(reader(text, chunkSize: chunkSize)), ["alpha", "beta", "", "gamma delta"],
                           "chunk size \(chunkSize)")
        }
    }

    func testCarriageReturnEndingOneReadAndNewlineStartingTheNextEndOneLine() throws {
        // Chunks of 3: "ab\r" | "\ncd" | "\r\n\r" | "\n"... every split of "\r\n" is covered
        // by some chunk size below.
        let text = Array("ab\r\ncd\r\n\r\nef\r\n".utf8)
        let reader = try reader(text, chunkSize: 3)
        XCTAssertEqual(try reader.nextLine().map(Array.init), Array("ab".utf8))
        XCTAssertEqual(try allLines(reader), ["cd", "", "ef"])
        for chunkSize in 1...text.count + 1 {
            XCTAssertEqual(try allLines(self.reader(text, chunkSize: chunkSize)), ["ab", "cd", "", "ef"],
                           "chunk size \(chunkSize)")
        }
    }

    func testALineLongerThanManyChunksIsReturnedWhole() throws {
        let long = (0..<1000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let reader = try reader(Array("x\n".utf8) + long + Array("\r\ny\n".utf8), chunkSize: 7)
        XCTAssertEqual(try reader.nextLine().map(Array.init), Array("x".utf8))
        XCTAssertEqual(try reader.nextLine().map(Array.init), long)
        XCTAssertEqual(try reader.nextLine().map(Array.init), Array("y".utf8))
        XCTAssertNil(try reader.nextLine())
    }

    func testALastLineWithoutNewlineCountsAndLosesATrailingCarriageReturn() throws {
        XCTAssertEqual(try allLines(reader(Array("one\ntwo".utf8), chunkSize: 4)), ["one", "two"])
        XCTAssertEqual(try allLines(reader(Array("one\ntwo\r".utf8), chunkSize: 4)), ["one", "two"])
        XCTAssertEqual(try allLines(reader(Array("\r".utf8), chunkSize: 4)), [""])
    }

    func testEmptyInputHasNoLines() throws {
        let reader = try reader([], chunkSize: 4)
        XCTAssertNil(try reader.nextLine())
        XCTAssertNil(try reader.nextLine())
        XCTAssertTrue(reader.reachedEnd)
        XCTAssertEqual(try allLines(self.reader(Array("\n".utf8), chunkSize: 4)), [""])
    }

    func testReadAheadPeeksWithoutConsumingAndSkipDropsBytes() throws {
        let reader = try reader(Array("#one\ntwo\nthree\n".utf8), chunkSize: 4)
        try reader.readAhead(atLeast: 6)
        XCTAssertEqual(Array(reader.unreadBytes), Array("#one\ntwo".utf8))
        XCTAssertFalse(reader.reachedEnd)
        reader.skip(1)
        XCTAssertEqual(try allLines(reader), ["one", "two", "three"])
        XCTAssertTrue(reader.reachedEnd)
    }

    func testReadToEndReturnsWhatTheLinesHaveNotTaken() throws {
        let reader = try reader(Array("one\r\ntwo\r\nthree".utf8), chunkSize: 4)
        XCTAssertEqual(try reader.nextLine().map(Array.init), Array("one".utf8))
        XCTAssertEqual(Array(try reader.readToEnd()), Array("two\r\nthree".utf8))
        XCTAssertNil(try reader.nextLine())
    }

    func testAFailedReadSaysWhy() throws {
        let descriptor = open(directory.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        let reader = ChunkedLineReader(descriptor: descriptor, closesDescriptor: true)
        XCTAssertThrowsError(try reader.nextLine()) { error in
            XCTAssertEqual((error as? ChunkedLineReader.ReadFailure)?.reason, String(cString: strerror(EISDIR)))
        }
    }

    /// The reader must hand out each line once its newline is in, without waiting for a
    /// chunk to fill or for the writer to go on: each line is read back before the next
    /// is written. The wait below only turns a reader that hangs into a failure.
    func testOverAPipeEachLineComesBackBeforeTheNextIsWritten() throws {
        let pipe = Pipe()
        let reader = ChunkedLineReader(descriptor: pipe.fileHandleForReading.fileDescriptor, closesDescriptor: false)
        let readerQueue = DispatchQueue(label: "ChunkedLineReaderTests.reader")
        var isWriting = true
        func send(_ text: String) throws { try pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }
        func finishWriting() throws {
            if isWriting { try pipe.fileHandleForWriting.close() }
            isWriting = false
        }
        defer { try? finishWriting() }

        /// Starts `nextLine` on the reader's queue; the returned function waits for it.
        func startReadingALine() -> () throws -> String? {
            let done = DispatchSemaphore(value: 0)
            let box = LineBox()
            readerQueue.async {
                withExtendedLifetime(pipe) {  // its descriptors stay open until the read is over
                    box.result = Result { try reader.nextLine().map { String(decoding: $0, as: UTF8.self) } }
                }
                done.signal()
            }
            return {
                if done.wait(timeout: .now() + 20) == .timedOut {
                    try finishWriting()  // ends the blocked read, so the queue drains
                    throw ReaderHangs()
                }
                return try box.result!.get()
            }
        }

        // `try` outside the assertions, so that a reader that hangs ends the test.
        try send("first\n")
        let first = try startReadingALine()()
        XCTAssertEqual(first, "first")
        try send("second\r\n")
        let second = try startReadingALine()()
        XCTAssertEqual(second, "second")
        let readingTheThird = startReadingALine()
        try send("thi")
        try send("rd\n")
        let third = try readingTheThird()
        XCTAssertEqual(third, "third")
        try send("last")
        try finishWriting()
        let last = try startReadingALine()()
        XCTAssertEqual(last, "last")
        let end = try startReadingALine()()
        XCTAssertNil(end)
    }
}

/// Carries a result from the reader's queue to the test; the semaphore orders the accesses.
private final class LineBox: @unchecked Sendable {
    var result: Result<String?, Error>?
}

private struct ReaderHangs: Error, CustomStringConvertible {
    var description: String { "the reader is still waiting after its line was written" }
}
