import Foundation
import Vocabulary
import XCTest
@testable import Model

/// `--vectors` reads word2vec's binary format as well as text: same rows, same coverage,
/// and a one-line error naming the file and entry for every way such a file goes wrong.
final class Word2VecBinaryTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try ModelFixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Vectors chosen so their float32 bytes hold 0x00 (every value with a short mantissa
    /// does), which is what marks a file as binary.
    static let entries: [(String, [Float])] = [
        ("the", [0.5, 0.25, 0.125]),
        ("good", [1, 2, 3]),
        ("Film", [4, 5, 6]),
        ("bad", [-1, -2, -3.5]),
    ]

    /// The bytes of a binary vectors file: `header`, then each entry as its word, a space,
    /// its floats (little-endian) and, when `newlines`, a newline.
    static func binary(header: String, _ entries: [(String, [Float])], newlines: Bool = true) -> Data {
        var bytes = Array(header.utf8)
        for (word, vector) in entries {
            bytes += Array(word.utf8) + [UInt8(ascii: " ")]
            for value in vector {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
            }
            if newlines { bytes.append(UInt8(ascii: "\n")) }
        }
        return Data(bytes)
    }

    func write(_ data: Data, name: String = "vectors.bin") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good", "bad", "film", "missing"], counts: [0, 0, 3, 2, 1, 1])

    func testReadsWord2VecBinaryAndReportsCoverage() throws {
        let url = try write(Self.binary(header: "4 3\n", Self.entries))
        XCTAssertEqual(try PretrainedVectors.dimension(of: url), 3)
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        XCTAssertEqual(vectors.dimension, 3)
        XCTAssertEqual(vectors.found, [false, false, true, true, false, false], "exact match only: 'Film' ≠ 'film'")
        XCTAssertEqual(vectors.foundCount, 2)
        XCTAssertEqual(vectors.rows, [0, 0, 0, 0, 0, 0, 1, 2, 3, -1, -2, -3.5, 0, 0, 0, 0, 0, 0])
    }

    func testGivesTheSameVectorsAsTheTextFormat() throws {
        let text = try write(Data("4 3\nthe 0.5 0.25 0.125\ngood 1 2 3\nFilm 4 5 6\nbad -1 -2 -3.5\n".utf8), name: "vectors.txt")
        let binary = try write(Self.binary(header: "4 3\n", Self.entries))
        let fromText = try PretrainedVectors(contentsOf: text, vocabulary: vocabulary)
        let fromBinary = try PretrainedVectors(contentsOf: binary, vocabulary: vocabulary)
        XCTAssertEqual(fromBinary.rows, fromText.rows)
        XCTAssertEqual(fromBinary.found, fromText.found)
    }

    func testReadsEntriesWithoutNewlinesAsGensimWritesThem() throws {
        var data = Self.binary(header: "4 3\n", Self.entries, newlines: false)
        data.append(UInt8(ascii: "\n"))  // a last newline is fine either way
        let url = try write(data)
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        XCTAssertEqual(vectors.rows, [0, 0, 0, 0, 0, 0, 1, 2, 3, -1, -2, -3.5, 0, 0, 0, 0, 0, 0])
    }

    func testUpperCaseTokensFallBackToTheLowerCasedVector() throws {
        let url = try write(Self.binary(header: "1 2\n", [("good", [1, 2])]))
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: Vocabulary(tokens: ["<pad>", "<unk>", "Good"], counts: [0, 0, 1]))
        XCTAssertEqual(vectors.rows, [0, 0, 0, 0, 1, 2])
        XCTAssertEqual(vectors.foundCount, 1)
    }

    func testMalformedFilesNameTheFileAndEntry() throws {
        let two: [(String, [Float])] = [("good", [1, 2, 3]), ("bad", [-1, -2, -3.5])]
        var truncated = Self.binary(header: "2 3\n", two)
        truncated.removeLast(7)  // the newline and 1.5 floats of "bad"
        var insideWord = Self.binary(header: "2 3\n", two)
        insideWord.removeLast(15)  // all but "ba" of the second entry
        let cases: [(Data, String)] = [
            (Self.binary(header: "0 3\n", two),
             ":1: not text (byte 9 is 0x00) and not word2vec binary: its header must be 'COUNT DIM', two positive integers, found '0 3'"),
            (Self.binary(header: "2 -3\n", two),
             ":1: not text (byte 10 is 0x00) and not word2vec binary: its header must be 'COUNT DIM', two positive integers, found '2 -3'"),
            (Self.binary(header: "2\n", two),
             ":1: not text (byte 7 is 0x00) and not word2vec binary: its header must be 'COUNT DIM', two positive integers, found '2'"),
            (Self.binary(header: "", two),
             ":1: not text (byte 5 is 0x00) and not word2vec binary: its header must be 'COUNT DIM', two positive integers, found binary data"),
            (Self.binary(header: "2 100000\n", two),
             ":1: DIM 100000 is implausible (at most 65536)"),
            (truncated,
             ": entry 2: expected 3 floats, the file ends after 1"),
            (insideWord,
             ": entry 2: the file ends inside the word 'ba'"),
            (Self.binary(header: "3 3\n", two),
             ": entry 3: the header promises 3 entries, the file ends after 2"),
            (Self.binary(header: "1 3\n", two),
             ": entry 2: the header promises 1 entry but the file goes on"),
            // The header's DIM is one short: entry 1 takes 8 bytes, leaving 3.0's bytes
            // (00 00 40 40) and the newline for the next word.
            (Self.binary(header: "2 2\n", two),
             ": entry 2: control byte 0x00 in the word (does the header's DIM 2 match the data?)"),
            // Newlines after some entries but not others.
            (Self.binary(header: "3 3\n", [("good", [1, 2, 3])]) + Self.binary(header: "", [("bad", [1, 2, 3]), ("the", [1, 2, 3])], newlines: false),
             ": entry 2: expected a newline after the 3 floats, found byte 0x74 (does the header's DIM 3 match the data?)"),
            (Self.binary(header: "3 3\n", [("good", [1, 2, 3])], newlines: false) + Self.binary(header: "", [("bad", [1, 2, 3]), ("the", [1, 2, 3])]),
             ": entry 2: a newline after the 3 floats, unlike the entries before (does the header's DIM 3 match the data?)"),
            (Self.binary(header: "2 3\n", [("good", [1, 2, 3]), ("", [1, 2, 3])]),
             ": entry 2: empty word (does the header's DIM 3 match the data?)"),
            (Self.binary(header: "2 3\n", [("good", [1, .nan, 3]), ("bad", [1, 2, 3])]),
             ": entry 1: value 2 of 'good' is nan"),
        ]
        for (data, message) in cases {
            let url = try write(data)
            XCTAssertThrowsError(try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)) { error in
                XCTAssertEqual("\(error)", url.path + message)
            }
        }
    }

    /// A vector of a word outside the vocabulary is never looked at: like the text reader,
    /// only the words used are checked for non-finite values.
    func testUnusedWordsAreNotChecked() throws {
        let url = try write(Self.binary(header: "2 2\n", [("zebra", [.infinity, 0]), ("good", [1, 2])]))
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        XCTAssertEqual(vectors.foundCount, 1)
    }

    func testTextWithAControlByteIsNeitherFormat() throws {
        let url = try write(Data("the 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0\ngood\u{0}1 2\n".utf8), name: "vectors.txt")
        XCTAssertThrowsError(try PretrainedVectors.dimension(of: url)) { error in
            XCTAssertEqual("\(error)", "\(url.path):1: not text (byte 48 is 0x00) and not word2vec binary: "
                + "its header must be 'COUNT DIM', two positive integers, found 'the 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 …'")
        }
    }

    func testTextWithAHeaderStaysText() throws {
        let url = try write(Data("2 2\ngood 1 2\nbad 3\n".utf8), name: "vectors.txt")
        XCTAssertThrowsError(try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)) { error in
            XCTAssertEqual("\(error)", "\(url.path):3: expected 2 values after the word, found 1")
        }
    }

    /// Training with binary vectors reports coverage and builds the same model as with the
    /// same vectors in text.
    func testTrainingWithBinaryVectorsMatchesTextVectors() throws {
        let demo = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpora/demo")
        let words: [(String, [Float])] = [("good", [1, 0.5, 0, -1]), ("bad", [-1, -0.5, 0, 1]), ("zzzz", [2, 2, 2, 2])]
        let binary = try write(Self.binary(header: "3 4\n", words))
        let text = try write(Data(words.map { "\($0) \($1.map { "\($0)" }.joined(separator: " "))\n" }.joined().utf8), name: "vectors.txt")
        func train(with vectors: URL) throws -> ([String], SentimentModelFile) {
            var setup = TrainingSetup(trainPath: demo.appendingPathComponent("train.tsv").path,
                                      output: directory.appendingPathComponent("\(vectors.lastPathComponent).safetensors"))
            setup.devPath = demo.appendingPathComponent("dev.tsv").path
            setup.vectors = vectors
            setup.hiddenSize = 4
            setup.training.epochs = 1
            var log: [String] = []
            let result = try TrainingRun(setup: setup, log: { log.append($0) }).run()
            return (log.filter { $0.hasPrefix("vectors: ") }, try SentimentModelFile.read(contentsOf: result.model))
        }
        let (binaryLog, binaryModel) = try train(with: binary)
        let (textLog, textModel) = try train(with: text)
        // The demo corpus's words; the count grows with the corpus.
        let tokens = binaryModel.vocabulary.wordCount
        XCTAssertGreaterThan(tokens, 2000)
        let share = String(format: "%.2f%%", 200 / Double(tokens))
        XCTAssertEqual(binaryLog, ["vectors: \(binary.path): 2 of \(tokens) vocabulary tokens found (\(share))"])
        XCTAssertEqual(textLog, ["vectors: \(text.path): 2 of \(tokens) vocabulary tokens found (\(share))"])
        XCTAssertEqual(binaryModel.tensors, textModel.tensors)
        XCTAssertEqual(binaryModel.configuration.training?.vectors?.found, 2)
    }
}
