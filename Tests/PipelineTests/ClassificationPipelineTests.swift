import Foundation
import Store
import XCTest
@testable import Pipeline

final class ClassificationPipelineTests: XCTestCase {
    func makeCache(fingerprint: String = "fake-1") throws -> (CacheDatabase, PredictionCache) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let database = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        return (database, try PredictionCache(database: database, modelFingerprint: fingerprint, labels: ["negative", "positive"]))
    }

    func testBlankTextsGetNoPredictionAndKeepTheirPlace() throws {
        let classifier = FakeClassifier()
        let results = try ClassificationPipeline(classifier: classifier, cache: nil).classify(["a b c", "", "  \t", "a"])
        XCTAssertEqual(results.map { $0?.probabilities }, [FakeClassifier.row(words: 3), nil, nil, FakeClassifier.row(words: 1)])
        XCTAssertEqual(results.map { $0?.label }, ["negative", nil, nil, "negative"])
        XCTAssertEqual(results[0]?.confidence, 0.75)
        XCTAssertEqual(classifier.sequencesSeen, 2)
    }

    func testASecondRunIsAnsweredFromTheCacheWithoutTheModel() throws {
        let (_, cache) = try makeCache()
        let texts = (0..<300).map { String(repeating: "word ", count: $0 % 5 + 1) + "\($0)" }
        let first = FakeClassifier()
        let cold = try ClassificationPipeline(classifier: first, cache: cache).classify(texts)
        XCTAssertEqual(first.sequencesSeen, 300)
        XCTAssertEqual(cold.map { $0?.isFromCache }, Array(repeating: false, count: 300))

        let second = FakeClassifier()
        let warm = try ClassificationPipeline(classifier: second, cache: cache).classify(texts + ["new text"])
        XCTAssertEqual(second.sequencesSeen, 1)
        XCTAssertEqual(warm.prefix(300).map { $0?.probabilities }, cold.map { $0?.probabilities })
        XCTAssertEqual(warm.map { $0?.isFromCache }, Array(repeating: true, count: 300) + [false])
        XCTAssertEqual(cache.counters.hits, 300)
        XCTAssertEqual(cache.counters.misses, 301)
    }

    func testAnotherModelDoesNotSeeTheFirstModelsPredictions() throws {
        let (database, cache) = try makeCache(fingerprint: "fake-1")
        _ = try ClassificationPipeline(classifier: FakeClassifier(fingerprint: "fake-1"), cache: cache).classify(["x y"])
        let otherCache = try PredictionCache(database: database, modelFingerprint: "fake-2", labels: ["negative", "positive"])
        let other = FakeClassifier(fingerprint: "fake-2")
        _ = try ClassificationPipeline(classifier: other, cache: otherCache).classify(["x y"])
        XCTAssertEqual(other.sequencesSeen, 1)
    }

    func testStreamedRunMatchesTheOneShotResultsInOrder() throws {
        let (_, cache) = try makeCache()
        let texts = (0..<2000).map { $0 % 10 == 0 ? "" : String(repeating: "w ", count: $0 % 17) + "t\($0 % 300)" }
        let pipeline = ClassificationPipeline(classifier: FakeClassifier(), cache: cache, batchSize: 16)
        var position = 0
        var streamed: [(Int, Prediction?)] = []
        try pipeline.run(chunks: { () -> [TextItem<Int>]? in
            guard position < texts.count else { return nil }
            let end = min(position + 97, texts.count)
            defer { position = end }
            return (position..<end).map { TextItem(tag: $0, text: texts[$0]) }
        }) { results in
            streamed.append(contentsOf: results.map { ($0.tag, $0.prediction) })
        }
        XCTAssertEqual(streamed.map(\.0), Array(0..<2000))
        let expected = try ClassificationPipeline(classifier: FakeClassifier(), cache: nil).classify(texts)
        XCTAssertEqual(streamed.map { $0.1?.probabilities }, expected.map { $0?.probabilities })
    }

    /// The pipeline hands the model a chunk's texts at once with its batch size; the
    /// model cuts them (`classifyEncoded`, tested in ModelTests).
    func testTheModelGetsTheChunkWithThePipelinesBatchSize() throws {
        let classifier = FakeClassifier()
        _ = try ClassificationPipeline(classifier: classifier, cache: nil, batchSize: 8, chunkSize: 512)
            .classify((0..<20).map { "text \($0)" })
        XCTAssertEqual(classifier.batchSizes, [8])
        XCTAssertEqual(classifier.sequencesSeen, 20)
    }
}
