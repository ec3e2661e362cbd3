import Foundation
import XCTest
@testable import Store

final class PredictionCacheTests: StoreTestCase {
    func testStoredPredictionsAreHitsForTheSameModelOnly() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let cache = try PredictionCache(database: database, modelFingerprint: "model-a", labels: ["negative", "positive"])
        let keys = [TextKey(text: "great movie"), TextKey(text: "awful movie")]
        XCTAssertEqual(try cache.lookup(keys), [nil, nil])

        let great = CachedPrediction(label: "positive", probabilities: [0.125, 0.875])
        try cache.store([(key: keys[0], prediction: great)])
        // Whitespace variants share the key; the other text is still a miss.
        XCTAssertEqual(try cache.lookup([TextKey(text: " great   movie "), keys[1]]), [great, nil])
        XCTAssertEqual(cache.counters.hits, 1)
        XCTAssertEqual(cache.counters.misses, 3)

        let other = try PredictionCache(database: database, modelFingerprint: "model-b", labels: ["negative", "positive"])
        XCTAssertEqual(try other.lookup([keys[0]]), [nil])
    }

    func testLookupSpanningSeveralStatementsKeepsOrder() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let cache = try PredictionCache(database: database, modelFingerprint: "m", labels: ["a", "b"])
        let texts = (0..<1200).map { "text \($0)" }
        let stored = texts.enumerated().filter { $0.offset % 3 == 0 }.map { item in
            (key: TextKey(text: item.element),
             prediction: CachedPrediction(label: "a", probabilities: [Float(item.offset), 1]))
        }
        try cache.store(stored)
        let results = try cache.lookup(texts.map(TextKey.init(text:)))
        XCTAssertEqual(results.count, 1200)
        for (i, result) in results.enumerated() {
            XCTAssertEqual(result?.probabilities.first, i % 3 == 0 ? Float(i) : nil, "text \(i)")
        }
    }

    func testStoreKeepsTheRunCountersCurrent() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let run = try database.beginRun(command: "predict")
        let cache = try PredictionCache(database: database, modelFingerprint: "m", labels: ["a", "b"], runID: run)
        let key = TextKey(text: "x")
        _ = try cache.lookup([key])
        try cache.store([(key: key, prediction: CachedPrediction(label: "a", probabilities: [0.5, 0.5]))])
        _ = try cache.lookup([key, key, TextKey(text: "y")])
        try cache.store([])
        var last = try XCTUnwrap(database.lastRun())
        XCTAssertEqual([last.id, Int64(last.cacheHits), Int64(last.cacheMisses)], [run, 2, 2])
        XCTAssertNil(last.finishedAt)
        XCTAssertEqual(last.hitRate, 0.5)

        try database.finishRun(run, cacheHits: 3, cacheMisses: 1)
        last = try XCTUnwrap(database.lastRun())
        XCTAssertNotNil(last.finishedAt)
        XCTAssertEqual(last.hitRate, 0.75)
    }

    func testRunHistoryIsBoundedPerCommand() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let train = try database.beginRun(command: "train")
        for _ in 0..<10 { _ = try database.beginRun(command: "predict", keeping: 3) }
        let ids = try database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id") }
        XCTAssertEqual(ids, [train, 8, 9, 10, 11])
    }

    func testRunHistoryBoundIsPerCommandWhenCommandsInterleave() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        for _ in 0..<6 {
            _ = try database.beginRun(command: "predict", keeping: 2)
            _ = try database.beginRun(command: "classify", keeping: 4)
        }
        let rows = try database.read { db in try String.fetchAll(db, sql: "SELECT command || id FROM runs ORDER BY id") }
        // predict keeps its 2 earlier runs plus the newest (ids 7, 9, 11); classify its 4
        // earlier plus the newest (4, 6, 8, 10, 12), although each alternates with the other.
        XCTAssertEqual(rows, ["classify4", "classify6", "predict7", "classify8", "predict9", "classify10", "predict11", "classify12"])
    }

    func testClearPredictionsKeepsDatasets() throws {
        let database = try CacheDatabase(path: try makeDatabasePath())
        let cache = try PredictionCache(database: database, modelFingerprint: "m", labels: ["a"])
        try cache.store([(key: TextKey(text: "x"), prediction: CachedPrediction(label: "a", probabilities: [1]))])
        try DatasetCache(database: database).store(
            contentHash: "h", sourcePath: "d.tsv", format: "tsv", labels: ["a"],
            documents: [DocumentRecord(split: "train", label: "a", text: "t", sourceFile: "d.tsv", sourceLine: 2)])
        XCTAssertEqual(try database.clear(.predictions), 1)
        let counts = Dictionary(uniqueKeysWithValues: try database.statistics().rowCounts.map { ($0.table, $0.rows) })
        XCTAssertEqual(counts, ["datasets": 1, "documents": 1, "encodings": 0, "vocabularies": 0, "models": 0, "predictions": 0, "runs": 0])
        XCTAssertEqual(try database.clear(.all), 1)
        XCTAssertEqual(try database.statistics().rowCounts.map(\.rows), [0, 0, 0, 0, 0, 0, 0])
    }

    /// `cache clear` in another process while `classify` runs: the running cache keeps
    /// writing (its model registered again), and never answers with another model's
    /// predictions when that model got the cleared row's id.
    func testAClearWhileRunningNeitherFailsNorMixesModels() throws {
        let path = try makeDatabasePath()
        let running = try PredictionCache(database: try CacheDatabase(path: path), modelFingerprint: "model-a", labels: ["n", "p"])
        let other = try CacheDatabase(path: path)  // another process's connection
        let first = TextKey(text: "first"), second = TextKey(text: "second")
        let fromA = CachedPrediction(label: "p", probabilities: [0.25, 0.75])
        try running.store([(key: first, prediction: fromA)])

        try other.clear(.predictions)
        try running.store([(key: second, prediction: fromA)])
        XCTAssertEqual(try running.lookup([first, second]), [nil, fromA])

        try other.clear(.predictions)
        let newcomer = try PredictionCache(database: other, modelFingerprint: "model-b", labels: ["n", "p"])
        let fromB = CachedPrediction(label: "n", probabilities: [0.9, 0.1])
        try newcomer.store([(key: first, prediction: fromB)])
        XCTAssertEqual(try running.lookup([first]), [nil], "model-b's answer is not model-a's")
        try running.store([(key: first, prediction: fromA)])
        XCTAssertEqual(try running.lookup([first]), [fromA])
        XCTAssertEqual(try newcomer.lookup([first]), [fromB])
    }
}
