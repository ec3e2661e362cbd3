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
}
