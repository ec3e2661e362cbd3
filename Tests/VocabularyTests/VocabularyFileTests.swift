import Foundation
import XCTest
@testable import Vocabulary

final class VocabularyFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func vocabulary() -> Vocabulary {
        var builder = VocabularyBuilder()
        builder.add(["the", "film", "was", "n't", "good", "!", "the", "👍🏽", "film", "the"])
        return builder.build()
    }

    func testWriteGivesTheDocumentedBytes() throws {
        let url = directory.appendingPathComponent("v.tsv")
        try vocabulary().write(to: url)
        XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self),
                       "<pad>\t0\n<unk>\t0\nthe\t3\nfilm\t2\n!\t1\ngood\t1\nn't\t1\nwas\t1\n👍🏽\t1\n")
    }

    func testBuildingTwiceWritesIdenticalBytes() throws {
        let first = directory.appendingPathComponent("1.tsv"), second = directory.appendingPathComponent("2.tsv")
        try vocabulary().write(to: first)
        try vocabulary().write(to: second)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
    }

    func testRoundTrip() throws {
        let url = directory.appendingPathComponent("v.tsv")
        let original = vocabulary()
        try original.write(to: url)
        let loaded = try Vocabulary.load(contentsOf: url)
        XCTAssertEqual(loaded.tokens, original.tokens)
        XCTAssertEqual(loaded.counts, original.counts)
        XCTAssertEqual(loaded.id(of: "film"), 3)
        XCTAssertEqual(loaded.token(for: 3), "film")
        XCTAssertNil(loaded.token(for: 99))
    }

    func testLoadAcceptsCRLFAndNoFinalNewline() throws {
        let vocabulary = try Vocabulary.parse(Array("<pad>\t0\r\n<unk>\t4\r\nhi\t2".utf8), file: "v.tsv")
        XCTAssertEqual(vocabulary.tokens, ["<pad>", "<unk>", "hi"])
        XCTAssertEqual(vocabulary.counts, [0, 4, 2])
    }

    func testMalformedFilesAreRejectedWithFileAndLine() {
        let cases: [(String, String)] = [
            ("", "v.tsv: empty vocabulary file (expected <pad> and <unk> on the first two lines)"),
            ("\n", "v.tsv:1: expected token<TAB>count, found no tab"),
            ("<pad>\t0\n", "v.tsv: a vocabulary needs at least <pad> and <unk>, found 1 tokens"),
            ("<unk>\t0\n<pad>\t0\n", "v.tsv:1: expected the reserved token <pad> here, found '<unk>'"),
            ("<pad>\t0\nthe\t3\n", "v.tsv:2: expected the reserved token <unk> here, found 'the'"),
            ("<pad>\t0\n<unk>\t0\nthe 3\n", "v.tsv:3: expected token<TAB>count, found no tab"),
            ("<pad>\t0\n<unk>\t0\nthe\t3\t1\n", "v.tsv:3: expected token<TAB>count, found more than one tab"),
            ("<pad>\t0\n<unk>\t0\nthe\t-3\n", "v.tsv:3: count '-3' is not a non-negative integer"),
            ("<pad>\t0\n<unk>\t0\nthe\tmany\n", "v.tsv:3: count 'many' is not a non-negative integer"),
            ("<pad>\t0\n<unk>\t0\nthe\t\n", "v.tsv:3: count '' is not a non-negative integer"),
            ("<pad>\t0\n<unk>\t0\n\t3\n", "v.tsv:3: empty token"),
            ("<pad>\t0\n<unk>\t0\na\t3\nb\t2\na\t1\n", "v.tsv:5: duplicate token 'a' (first on line 3)"),
            ("<pad>\t0\n<unk>\t0\n<pad>\t1\n", "v.tsv:3: <pad> is reserved for line 1"),
            ("<pad>\t0\n<unk>\t0\n\n", "v.tsv:3: expected token<TAB>count, found no tab"),
            ("<pad>\t0\n<unk>\t0\nx\u{0}\t1\n", "v.tsv: not a vocabulary file: binary data (expected token<TAB>count lines)"),
        ]
        for (contents, message) in cases {
            XCTAssertThrowsError(try Vocabulary.parse(Array(contents.utf8), file: "v.tsv"), contents.debugDescription) {
                XCTAssertEqual(String(describing: $0), message)
            }
        }
    }

    func testMissingFile() {
        let url = directory.appendingPathComponent("absent.tsv")
        XCTAssertThrowsError(try Vocabulary.load(contentsOf: url)) {
            XCTAssertEqual(String(describing: $0), "\(url.path): no such vocabulary file")
        }
    }

    func testValidatingInitReportsPositions() {
        XCTAssertThrowsError(try Vocabulary(validating: ["<pad>", "<unk>", "a"], counts: [0, 0], source: "m")) {
            XCTAssertEqual(String(describing: $0), "m: 3 tokens but 2 counts")
        }
        XCTAssertThrowsError(try Vocabulary(validating: ["<pad>", "<unk>", "a", "a"], counts: [0, 0, 1, 1], source: "m")) {
            XCTAssertEqual(String(describing: $0), "m:4: duplicate token 'a' (first on line 3)")
        }
    }

    /// A model file's vocabulary (`\n`-separated bytes) is checked exactly as the
    /// token list is: the same first problem, in line order, whichever kind comes first.
    func testValidatingLinesAgreesWithValidatingTokens() throws {
        let lists: [[String]] = [
            ["<pad>", "<unk>", "a", "b", "a"],
            ["<pad>", "<unk>", "a", "b", "a", ""],          // the repeat comes first
            ["<pad>", "<unk>", "a", "", "b", "a"],           // the empty token comes first
            ["<pad>", "<unk>", "a", "<unk>", "a"],
            ["<pad>", "<unk>", "x", "y", "x", "y", "x"],     // the first repeat, not the last
            ["<unk>", "<pad>"],
            ["<pad>", "the"],
            ["<pad>"],
            ["<pad>", "<unk>", "café", "cafe\u{301}", "café"],
        ]
        for tokens in lists {
            var joined = tokens.joined(separator: "\n")
            let fromLines = Result { try joined.withUTF8 { try Vocabulary(validatingLines: $0, source: "m") } }
            let fromTokens = Result { try Vocabulary(validating: tokens, counts: tokens.map { _ in 0 }, source: "m") }
            switch (fromLines, fromTokens) {
            case (.failure(let a), .failure(let b)):
                XCTAssertEqual(String(describing: a), String(describing: b), "\(tokens)")
            default:
                XCTFail("\(tokens): both must fail, got \(fromLines) and \(fromTokens)")
            }
        }
        // And a large list (the hash-ordered build) finds every token and nothing else.
        let many = ["<pad>", "<unk>"] + (0..<50_000).map { "w\($0)" }
        var joined = many.joined(separator: "\n")
        let vocabulary = try joined.withUTF8 { try Vocabulary(validatingLines: $0) }
        XCTAssertEqual(vocabulary.count, many.count)
        XCTAssertEqual(vocabulary.tokens, many)
        XCTAssertEqual(vocabulary.counts, Array(repeating: 0, count: many.count))
        for (id, token) in many.enumerated() where id % 97 == 0 || id >= 2 && id < 200 {
            XCTAssertEqual(vocabulary.id(of: token), Int32(id), token)
        }
        for absent in ["w50000", "w-1", "", "W1", "w01"] {
            XCTAssertEqual(vocabulary.id(of: absent), Vocabulary.unknownID, absent)
        }
        XCTAssertThrowsError(try (many + ["w123"]).joined(separator: "\n").utf8CString.withUnsafeBufferPointer { cString in
            try cString.withMemoryRebound(to: UInt8.self) { try Vocabulary(validatingLines: UnsafeBufferPointer(rebasing: $0.dropLast()), source: "m") }
        }) {
            XCTAssertEqual(String(describing: $0), "m:50003: duplicate token 'w123' (first on line 126)")
        }
    }

    func testUnwritableTokenIsReported() {
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "a\tb"], counts: [0, 0, 1])
        let url = directory.appendingPathComponent("bad.tsv")
        XCTAssertThrowsError(try vocabulary.write(to: url)) {
            XCTAssertEqual(String(describing: $0), "\(url.path): token '\"a\\tb\"' contains a tab or line break and cannot be written")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }
}

/// The vocabulary the repository ships, built from `corpora/demo/train.tsv` with
/// `sentiment vocab build corpora/demo/train.tsv -o vocab/demo.tsv`.
final class ShippedVocabularyTests: XCTestCase {
    func testDemoVocabularyIsWellFormedAndOrdered() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("vocab/demo.tsv")
        let vocabulary = try Vocabulary.load(contentsOf: url)
        XCTAssertGreaterThan(vocabulary.count, 1000)
        // `tokens` decodes the whole list on each use: once here, not twice per id.
        let tokens = vocabulary.tokens, counts = vocabulary.counts
        XCTAssertEqual(Array(tokens.prefix(3)), ["<pad>", "<unk>", "the"])
        for id in 3..<vocabulary.count {
            let (previous, current) = (id - 1, id)
            let ordered = counts[previous] > counts[current]
                || (counts[previous] == counts[current]
                    && tokens[previous].utf8.lexicographicallyPrecedes(tokens[current].utf8))
            XCTAssertTrue(ordered, "ids \(previous) and \(current) out of order")
        }
        XCTAssertEqual(try vocabulary.fileContents(), Array(try Data(contentsOf: url)))
    }
}
