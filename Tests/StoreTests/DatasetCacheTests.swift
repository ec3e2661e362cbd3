import Foundation
import XCTest
@testable import Store

final class DatasetCacheTests: StoreTestCase {
    let documents = [
        DocumentRecord(split: "train", label: "1", text: "a fine film", sourceFile: "d.tsv", sourceLine: 2),
        DocumentRecord(split: "train", label: "0", text: "dull", sourceFile: "d.tsv", sourceLine: 3),
        DocumentRecord(split: "train", label: "1", text: "", sourceFile: "d.tsv", sourceLine: 4),
    ]

    func testStoredDatasetIsFoundByContentHashWithItsRowsInOrder() throws {
        let cache = DatasetCache(database: try CacheDatabase(path: try makeDatabasePath()))
        XCTAssertNil(try cache.lookup(contentHash: "abc"))
        let stored = try cache.store(contentHash: "abc", sourcePath: "/data/d.tsv", format: "tsv",
                                     labels: ["0", "1"], documents: documents)
        let found = try XCTUnwrap(cache.lookup(contentHash: "abc"))
        XCTAssertEqual(found, stored)
        XCTAssertEqual(found.labels, ["0", "1"])
        XCTAssertEqual(found.documentCount, 3)
        XCTAssertEqual(try cache.documents(of: found), documents)
    }

    func testEncodingsAreKeptPerFingerprint() throws {
        let cache = DatasetCache(database: try CacheDatabase(path: try makeDatabasePath()))
        let dataset = try cache.store(contentHash: "abc", sourcePath: "d.tsv", format: "tsv",
                                      labels: ["0", "1"], documents: documents)
        XCTAssertNil(try cache.encodings(of: dataset, fingerprint: "tok+vocab-1"))
        let ids: [[Int32]] = [[5, 6, 7], [8], [1]]
        try cache.storeEncodings(ids, of: dataset, fingerprint: "tok+vocab-1")
        XCTAssertEqual(try cache.encodings(of: dataset, fingerprint: "tok+vocab-1"), ids)
        XCTAssertNil(try cache.encodings(of: dataset, fingerprint: "tok+vocab-2"))
        XCTAssertThrowsError(try cache.storeEncodings([[1]], of: dataset, fingerprint: "x")) { error in
            XCTAssertEqual(error as? DatasetCacheError, .countMismatch(contentHash: "abc", expected: 3, found: 1))
        }
    }

    func testVocabularyIsKeptPerSettings() throws {
        let cache = DatasetCache(database: try CacheDatabase(path: try makeDatabasePath()))
        let dataset = try cache.store(contentHash: "abc", sourcePath: "d.tsv", format: "tsv", labels: ["0", "1"],
                                      documents: documents, skippedRows: 2)
        XCTAssertEqual(try cache.lookup(contentHash: "abc")?.skippedRows, 2)
        XCTAssertNil(try cache.vocabulary(of: dataset, settings: "min=1"))
        try cache.storeVocabulary(tokens: ["<pad>", "<unk>", "film", "a\tb"], counts: [0, 0, 3, 1],
                                  of: dataset, settings: "min=1")
        let found = try XCTUnwrap(cache.vocabulary(of: dataset, settings: "min=1"))
        XCTAssertEqual(found.tokens, ["<pad>", "<unk>", "film", "a\tb"])
        XCTAssertEqual(found.counts, [0, 0, 3, 1])
        XCTAssertNil(try cache.vocabulary(of: dataset, settings: "min=2"))
    }

    func testStoringTheSameBytesAgainReplacesTheImportAndItsEncodings() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let cache = DatasetCache(database: database)
        let first = try cache.store(contentHash: "abc", sourcePath: "d.tsv", format: "tsv", labels: ["0", "1"],
                                    documents: documents)
        try cache.storeEncodings([[5], [6], [7]], of: first, fingerprint: "f")
        let second = try cache.store(contentHash: "abc", sourcePath: "copy.tsv", format: "tsv", labels: ["0", "1"],
                                     documents: Array(documents.prefix(1)))
        XCTAssertEqual(try cache.lookup(contentHash: "abc")?.sourcePath, "copy.tsv")
        XCTAssertNil(try cache.encodings(of: second, fingerprint: "f"))
        let counts = Dictionary(uniqueKeysWithValues: try database.statistics().rowCounts.map { ($0.table, $0.rows) })
        XCTAssertEqual(counts["documents"], 1)
        XCTAssertEqual(counts["encodings"], 0)
    }

    func testContentHashOfAFileAndOfAFolder() throws {
        let folder = (try makeDatabasePath() as NSString).deletingLastPathComponent
        let file = folder + "/d.tsv"
        try "abc".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try DatasetCache.contentHash(ofFile: file),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let corpus = folder + "/corpus"
        try FileManager.default.createDirectory(atPath: corpus + "/pos", withIntermediateDirectories: true)
        try "good".write(toFile: corpus + "/pos/1.txt", atomically: true, encoding: .utf8)
        try "fine".write(toFile: corpus + "/pos/2.txt", atomically: true, encoding: .utf8)
        let before = try DatasetCache.contentHash(ofDocuments: ["pos/1.txt", "pos/2.txt"], in: corpus)
        XCTAssertEqual(try DatasetCache.contentHash(ofDocuments: ["pos/1.txt", "pos/2.txt"], in: corpus), before)
        XCTAssertNotEqual(try DatasetCache.contentHash(ofDocuments: ["pos/2.txt", "pos/1.txt"], in: corpus), before)
        try "bad".write(toFile: corpus + "/pos/1.txt", atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try DatasetCache.contentHash(ofDocuments: ["pos/1.txt", "pos/2.txt"], in: corpus), before)
        XCTAssertThrowsError(try DatasetCache.contentHash(ofFile: folder + "/missing")) { error in
            XCTAssertEqual(error as? DatasetCacheError, .unreadable(path: folder + "/missing", reason: "no such file or folder"))
        }
    }

    /// `cache clear --datasets` in another process while `train` reads: what `train`
    /// stores afterwards for the dataset it read is dropped, not a foreign-key failure,
    /// and never lands on another dataset that took the id.
    func testStoringForAClearedDatasetIsDropped() throws {
        let path = try makeDatabasePath()
        let cache = DatasetCache(database: try CacheDatabase(path: path))
        let dataset = try cache.store(contentHash: "abc", sourcePath: "d.tsv", format: "tsv", labels: ["0", "1"], documents: documents)
        let other = try CacheDatabase(path: path)
        try other.clear(.datasets)
        XCTAssertNoThrow(try cache.storeVocabulary(tokens: ["<pad>", "<unk>"], counts: [0, 0], of: dataset, settings: "s"))
        XCTAssertNoThrow(try cache.storeEncodings([[5], [6], [7]], of: dataset, fingerprint: "f"))

        let newcomer = try DatasetCache(database: other).store(
            contentHash: "xyz", sourcePath: "e.tsv", format: "tsv", labels: ["0", "1"], documents: documents)
        XCTAssertEqual(newcomer.id, dataset.id, "SQLite reuses the cleared id")
        try cache.storeVocabulary(tokens: ["<pad>", "<unk>"], counts: [0, 0], of: dataset, settings: "s")
        try cache.storeEncodings([[5], [6], [7]], of: dataset, fingerprint: "f")
        XCTAssertNil(try cache.vocabulary(of: newcomer, settings: "s"))
        XCTAssertNil(try cache.encodings(of: newcomer, fingerprint: "f"))
    }
}
