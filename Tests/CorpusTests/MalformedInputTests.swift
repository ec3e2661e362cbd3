import Foundation
import XCTest
@testable import Corpus

/// Seeded random inputs built from the bytes that trip parsers up: whatever comes in,
/// a reader returns rows or throws a `CorpusError`, and never crashes or hangs.
final class MalformedInputTests: CorpusTestCase {
    private let pieces: [[UInt8]] = [
        "\"", "\"\"", "\t", ",", "\n", "\r\n", "\r", " ", "{", "}", "[", "]", ":", "__label__", "__label__pos ",
        "label", "text", "pos", "neg", "1", "0", "good", "bad film", "\"text\": ", "\"label\": ", "null", "-",
        "é", "👍🏽", "\\", "\\\"",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x91]]

    func testRandomInputsNeverCrashAnyReader() throws {
        var random = SplitMix64(seed: 99)
        var outcomes = (rows: 0, fileErrors: 0, rowErrors: 0)
        for index in 0..<150 {
            var bytes: [UInt8] = []
            for _ in 0..<(random.next(below: 40) + 1) { bytes += pieces[random.next(below: pieces.count)] }
            let path = try write(Data(bytes), to: "input\(index).txt")
            for format in CorpusFormat.allCases where format != .folders {
                for skip in [false, true] {
                    let reader = CorpusReader(path: path, options: CorpusReadOptions(format: format, skipBadRows: skip))
                    do {
                        var lastLine = 0
                        try reader.forEach { row in
                            XCTAssertFalse(row.label.isEmpty)
                            XCTAssertFalse(row.text.allSatisfy(\.isWhitespace))
                            XCTAssertGreaterThan(row.line, lastLine)
                            lastLine = row.line
                            outcomes.rows += 1
                        }
                    } catch let error as CorpusError {
                        XCTAssertFalse(skip && error.isRowError, "skipBadRows let a row error through: \(error)")
                        XCTAssertFalse(error.description.contains("\n"), "a message must be one line: \(error)")
                        if error.isRowError { outcomes.rowErrors += 1 } else { outcomes.fileErrors += 1 }
                    }
                }
            }
        }
        // The inputs must actually exercise all three outcomes.
        XCTAssertGreaterThan(outcomes.rows, 50)
        XCTAssertGreaterThan(outcomes.rowErrors, 50)
        XCTAssertGreaterThan(outcomes.fileErrors, 50)
    }
}
