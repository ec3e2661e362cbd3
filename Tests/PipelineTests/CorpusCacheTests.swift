import Corpus
import Foundation
import Store
import Vocabulary
import XCTest
@testable import Pipeline

final class CorpusCacheTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func writeCorpus(_ text: String) throws -> String {
        let path = folder.appendingPathComponent("train.tsv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testASecondReadComesFromTheCacheWithTheSameRows() throws {
        let cache = CorpusCache(database: try CacheDatabase(path: folder.appendingPathComponent("c.sqlite").path))
        let path = try writeCorpus("label\ttext\npos\ta fine film\nneg\tdull\n")
        let first = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        XCTAssertFalse(first.isFromCache)
        XCTAssertEqual(first.rows.map(\.text), ["a fine film", "dull"])
        let second = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        XCTAssertTrue(second.isFromCache)
        XCTAssertEqual(second.rows, first.rows)
        XCTAssertEqual(second.dataset?.labels, ["neg", "pos"])

        // New bytes are a new dataset.
        _ = try writeCorpus("label\ttext\npos\ta fine film\n")
        let changed = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        XCTAssertFalse(changed.isFromCache)
        XCTAssertEqual(changed.rows.count, 1)
    }

    func testVocabularyAndTokenIdsAreComputedOnce() throws {
        let cache = CorpusCache(database: try CacheDatabase(path: folder.appendingPathComponent("c.sqlite").path))
        let path = try writeCorpus("label\ttext\npos\ta fine film\nneg\tdull\n")
        let corpus = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        var builds = 0, encodes = 0
        let build = { () -> Vocabulary in
            builds += 1
            return Vocabulary(tokens: ["<pad>", "<unk>", "film", "dull"], counts: [0, 0, 1, 1])
        }
        let vocabulary = try cache.vocabulary(for: corpus, settings: "min=1", build: build)
        XCTAssertFalse(vocabulary.isFromCache)
        let again = try cache.vocabulary(for: corpus, settings: "min=1", build: build)
        XCTAssertTrue(again.isFromCache)
        XCTAssertEqual(again.value.tokens, vocabulary.value.tokens)
        XCTAssertEqual(builds, 1)

        let fingerprint = encoderFingerprint(settings: "max=100", vocabulary: vocabulary.value)
        let encode = { corpus.rows.map { (row: LabeledText) -> [Int32] in encodes += 1; return [Int32(row.text.count)] } }
        XCTAssertEqual(try cache.encodings(for: corpus, fingerprint: fingerprint, encodeAll: encode).ids, [[11], [4]])
        let cached = try cache.encodings(for: corpus, fingerprint: fingerprint, encodeAll: encode)
        XCTAssertEqual(cached.ids, [[11], [4]])
        XCTAssertTrue(cached.isFromCache)
        XCTAssertEqual(encodes, 2)
        XCTAssertNotEqual(encoderFingerprint(settings: "max=50", vocabulary: vocabulary.value), fingerprint)
    }

    func testWithoutADatabaseEverythingIsComputed() throws {
        let cache = CorpusCache(database: nil)
        let path = try writeCorpus("label\ttext\npos\tgood\n")
        let corpus = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        XCTAssertFalse(corpus.isFromCache)
        XCTAssertNil(corpus.dataset)
        XCTAssertFalse(try cache.encodings(for: corpus, fingerprint: "f") { [[1]] }.isFromCache)
    }
}
