import XCTest
@testable import Corpus

final class FileProblemTests: CorpusTestCase {
    func testMissingFile() {
        XCTAssertEqual(errorMessage(directory.appendingPathComponent("nope.tsv").path), "nope.tsv: no such file")
        XCTAssertEqual(errorMessage(directory.appendingPathComponent("nope.tsv/inner.tsv").path), "nope.tsv/inner.tsv: no such file")
    }

    func testEmptyFiles() throws {
        for (name, contents) in [("empty.tsv", ""), ("blank.csv", " \n\t\r\n"), ("empty.jsonl", "\n")] {
            let path = try write(contents, to: name)
            XCTAssertEqual(errorMessage(path), "\(name): empty file: no rows to read")
        }
    }

    func testBinaryFiles() throws {
        let nul = try write(Data([0x70, 0x6F, 0x73, 0x09, 0x00, 0x01, 0x0A]), to: "nul.tsv")
        XCTAssertEqual(errorMessage(nul), "nul.tsv: binary file (NUL bytes); expected UTF-8 text")
        let hint = "UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)"
        let utf16 = try write("label\ttext\n".data(using: .utf16LittleEndian)!, to: "utf16.tsv")
        XCTAssertEqual(errorMessage(utf16), "utf16.tsv: \(hint)")
        let bigEndianWithMark = try write(Data([0xFE, 0xFF]) + "label\ttext\n".data(using: .utf16BigEndian)!, to: "be.tsv")
        XCTAssertEqual(errorMessage(bigEndianWithMark), "be.tsv: \(hint)")
        // UTF-32's little-endian mark starts as UTF-16's does; it used to be called UTF-16.
        for (name, mark, encoding) in [("le32.tsv", [UInt8]([0xFF, 0xFE, 0, 0]), String.Encoding.utf32LittleEndian),
                                       ("be32.tsv", [0, 0, 0xFE, 0xFF], .utf32BigEndian)] {
            let file = try write(Data(mark) + "label\ttext\n".data(using: encoding)!, to: name)
            XCTAssertEqual(errorMessage(file), "\(name): UTF-32 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-32 -t UTF-8)")
        }
        var random = SplitMix64(seed: 3)
        let noise = Data((0..<1000).map { _ in UInt8(truncatingIfNeeded: random.next() | 0x80) })
        let path = try write(noise, to: "noise.tsv")
        XCTAssertTrue(errorMessage(path).hasPrefix("noise.tsv: binary file ("), errorMessage(path))
        XCTAssertTrue(errorMessage(path).hasSuffix(" of the first 1000 bytes are not UTF-8); expected UTF-8 text"))
    }

    func testUTF16IsToldFromBinaryByWhereTheNULBytesSit() {
        XCTAssertEqual(TextFileCheck.problem(head: ArraySlice("it was fine".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), atEnd: true), .utf16Text)
        XCTAssertEqual(TextFileCheck.problem(head: [0x00, 0x41, 0x00, 0x42], atEnd: true), .utf16Text)
        // NUL bytes on both parities, or too few of them, are binary data.
        XCTAssertEqual(TextFileCheck.problem(head: [0x7F, 0x45, 0x00, 0x00, 0x41, 0x42, 0x43, 0x44], atEnd: true), .binaryFile("NUL bytes"))
        XCTAssertEqual(TextFileCheck.problem(head: ArraySlice(Array("abcdefgh".utf8) + [0x00]), atEnd: true), .binaryFile("NUL bytes"))
        XCTAssertNil(TextFileCheck.problem(head: ArraySlice("plain text, café".utf8), atEnd: true))
        XCTAssertNil(TextFileCheck.problem(head: [], atEnd: true))
        // A short Latin-1 text is mostly invalid UTF-8 by share, but too few bytes to call binary.
        XCTAssertNil(TextFileCheck.problem(head: [0x63, 0x61, 0x66, 0xE9, 0x0A], atEnd: true))
        XCTAssertEqual(TextFileCheck.problem(head: ArraySlice(repeating: 0xE9, count: 8), atEnd: true),
                       .binaryFile("100% of the first 8 bytes are not UTF-8"))
    }

    func testAFewInvalidBytesAreReplacedNotRejected() throws {
        var data = Data("label\ttext\npos\tcaf".utf8)
        data.append(0xE9)  // Latin-1 é
        data.append(contentsOf: Array(" au lait, lovely and warm and good\n".utf8))
        let path = try write(data, to: "latin1.tsv")
        XCTAssertEqual(try pairs(path), [["pos", "caf\u{FFFD} au lait, lovely and warm and good"]])
    }

    func testInvalidUTF8Counting() {
        XCTAssertEqual(invalidUTF8ByteCount(ArraySlice("héllo 👍🏽".utf8), atEnd: true), 0)
        XCTAssertEqual(invalidUTF8ByteCount([0xFF, 0x41, 0xC3], atEnd: true), 2)
        XCTAssertEqual(invalidUTF8ByteCount([0x41, 0xF0, 0x9F], atEnd: false), 0)
        XCTAssertEqual(invalidUTF8ByteCount([0xE2, 0x41], atEnd: false), 1)
    }

    func testUnknownFormat() throws {
        let path = try write("just words\nno separators\n", to: "plain.txt")
        XCTAssertEqual(errorMessage(path),
                       "plain.txt: cannot tell the corpus format; choose one with --input-format tsv|csv|jsonl|fasttext|folders")
    }
}
