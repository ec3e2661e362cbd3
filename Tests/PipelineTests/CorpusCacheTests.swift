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

    /// Rows taken from the cache name the file as given this time: a copy of a cached
    /// corpus used to report its errors under the first file's name.
    func testCachedRowsNameTheFileAsGivenThisTime() throws {
        let cache = CorpusCache(database: try CacheDatabase(path: folder.appendingPathComponent("c.sqlite").path))
        let path = try writeCorpus("label\ttext\npos\ta fine film\nneg\tdull\n")
        let copy = folder.appendingPathComponent("copy.tsv").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        _ = try cache.rows(path: path, options: CorpusReadOptions(), split: "train")
        let second = try cache.rows(path: copy, options: CorpusReadOptions(), split: "train")
        XCTAssertTrue(second.isFromCache)
        XCTAssertEqual(second.rows.map(\.file), [copy, copy])
        XCTAssertEqual(second.rows.map(\.line), [2, 3])

        let documents = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: documents.appendingPathComponent("pos"), withIntermediateDirectories: true)
        try "a fine film".write(to: documents.appendingPathComponent("pos/1.txt"), atomically: true, encoding: .utf8)
        let moved = folder.appendingPathComponent("moved").path
        _ = try cache.rows(path: documents.path + "/", options: CorpusReadOptions(), split: "train")
        try FileManager.default.moveItem(atPath: documents.path, toPath: moved)
        let folderRows = try cache.rows(path: moved, options: CorpusReadOptions(), split: "train")
        XCTAssertTrue(folderRows.isFromCache)
        XCTAssertEqual(folderRows.rows.map(\.file), [moved + "/pos/1.txt"])
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

    /// A named pipe (what `eval <(…)` hands over) is read once: neither sniffed for its
    /// format nor hashed before the read, so every row arrives, and nothing is cached.
    func testAPipeIsReadOnceAndNotCached() throws {
        let cache = CorpusCache(database: try CacheDatabase(path: folder.appendingPathComponent("c.sqlite").path))
        let pipe = folder.appendingPathComponent("rows").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let writer = Thread {
            try? "label\ttext\npos\ta fine film\nneg\tdull\n".write(toFile: pipe, atomically: false, encoding: .utf8)
        }
        writer.start()
        let corpus = try cache.rows(path: pipe, options: CorpusReadOptions(), split: "test")
        XCTAssertEqual(corpus.rows.map(\.text), ["a fine film", "dull"])
        XCTAssertFalse(corpus.isFromCache)
        XCTAssertNil(corpus.dataset)
    }

    /// A folder corpus is keyed by the documents it reads: a file beside them that is not
    /// one (here in `unsup/`) neither changes the key nor is opened.
    func testAFolderCorpusIsKeyedByItsDocumentsOnly() throws {
        let cache = CorpusCache(database: try CacheDatabase(path: folder.appendingPathComponent("c.sqlite").path))
        let root = folder.appendingPathComponent("imdb")
        for (path, text) in [("pos/1.txt", "a fine film"), ("neg/1.txt", "dull"), ("unsup/1.txt", "unlabeled")] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        XCTAssertFalse(try cache.rows(path: root.path, options: CorpusReadOptions(), split: "train").isFromCache)
        try "other unlabeled".write(to: root.appendingPathComponent("unsup/1.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(mkfifo(root.appendingPathComponent("unsup/2.txt").path, 0o600), 0)
        let again = try cache.rows(path: root.path, options: CorpusReadOptions(), split: "train")
        XCTAssertTrue(again.isFromCache)
        XCTAssertEqual(again.rows.map(\.text), ["dull", "a fine film"])
        try "a great film".write(to: root.appendingPathComponent("pos/1.txt"), atomically: true, encoding: .utf8)
        XCTAssertFalse(try cache.rows(path: root.path, options: CorpusReadOptions(), split: "train").isFromCache)
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
