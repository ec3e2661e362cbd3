import Foundation
import Vocabulary
import XCTest
@testable import Model

final class PretrainedVectorsTests: XCTestCase {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vectors-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testReadsGloVeTextAndReportsCoverage() throws {
        let url = try write("the 0.1 0.2 0.3\ngood 1 2 3\nFilm 4 5 6\nbad -1 -2 -3.5\n")
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good", "bad", "film", "missing"], counts: [0, 0, 3, 2, 1, 1])
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        XCTAssertEqual(vectors.dimension, 3)
        XCTAssertEqual(vectors.found, [false, false, true, true, false, false], "exact match only: 'Film' ≠ 'film'")
        XCTAssertEqual(vectors.foundCount, 2)
        XCTAssertEqual(Array(vectors.rows[6..<12]), [1, 2, 3, -1, -2, -3.5])
        XCTAssertEqual(Array(vectors.rows[12..<15]), [0, 0, 0])
    }

    func testUpperCaseTokensFallBackToTheLowerCasedVector() throws {
        let url = try write("good 1 2\n")
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "Good"], counts: [0, 0, 1])
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        XCTAssertEqual(vectors.rows, [0, 0, 0, 0, 1, 2])
    }

    func testSkipsTheWord2VecHeaderLine() throws {
        let url = try write("2 2\ngood 1 2\nbad 3 4\n")
        XCTAssertEqual(try PretrainedVectors.dimension(of: url), 2)
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: Vocabulary(tokens: ["<pad>", "<unk>", "bad"], counts: [0, 0, 1]))
        XCTAssertEqual(vectors.rows, [0, 0, 0, 0, 3, 4])
    }

    func testRaggedLineIsAnErrorWithItsLineNumber() throws {
        let url = try write("good 1 2 3\nbad 1 2\n")
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "bad"], counts: [0, 0, 1])
        XCTAssertThrowsError(try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)) { error in
            XCTAssertEqual("\(error)", "\(url.path):2: expected 3 values after the word, found 2")
        }
    }

    /// Found by the `word2vec-text` fuzz target: a header's DIM was trusted, and
    /// V × DIM overflowed (a trap) or asked for gigabytes.
    func testImplausibleTextDimensionIsAnErrorNotACrash() throws {
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good"], counts: [0, 0, 1])
        let cases = [
            // The fuzzer's input, its control bytes turned into spaces as the target does.
            (" 2222222    2222222222222222222   ", ":1: DIM 2222222222222222222 is implausible (at most 65536)"),
            ("1 65537\ngood 1\n", ":1: DIM 65537 is implausible (at most 65536)"),
            ("good" + String(repeating: " 0", count: 65537) + "\n", ":1: 65537 values per word is implausible (at most 65536)"),
        ]
        for (text, message) in cases {
            let url = try write(text)
            XCTAssertThrowsError(try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)) { error in
                XCTAssertEqual("\(error)", url.path + message)
            }
            XCTAssertThrowsError(try PretrainedVectors.dimension(of: url)) { error in
                XCTAssertEqual("\(error)", url.path + message)
            }
        }
    }
}
