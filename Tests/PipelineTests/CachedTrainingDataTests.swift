import Corpus
import Foundation
import Model
import Store
import XCTest
@testable import Pipeline

/// The data side of `train` through the dataset cache must not change the model: the
/// same setup trained by reading the files, then through a cold cache, then through a
/// warm one, gives the same weights to the bit.
final class CachedTrainingDataTests: XCTestCase {
    /// corpora/demo: short English reviews and remarks written for this project.
    static let demo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora/demo")

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-traindata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A tiny network, two epochs: enough to move every weight.
    func tinySetup(output: String, withDevFile: Bool) -> TrainingSetup {
        var setup = TrainingSetup(trainPath: Self.demo.appendingPathComponent("train.tsv").path,
                                  output: folder.appendingPathComponent(output))
        if withDevFile { setup.devPath = Self.demo.appendingPathComponent("dev.tsv").path }
        setup.testPath = Self.demo.appendingPathComponent("test.tsv").path
        setup.embeddingDim = 8
        setup.hiddenSize = 8
        setup.maxLength = 12
        setup.training.epochs = 2
        setup.training.patience = 2
        setup.training.batchSize = 32
        setup.training.learningRate = 0.01
        return setup
    }

    /// Trains once per data source; returns the loaded models and each run's log.
    func train(withDevFile: Bool) throws -> [(model: SentimentModel, result: TrainingResult, log: [String])] {
        let database = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let sources: [(String, TrainingDataSource)] = [
            ("plain", ReadingTrainingData()),
            ("cold", CachedTrainingData(cache: CorpusCache(database: database))),
            ("warm", CachedTrainingData(cache: CorpusCache(database: database))),
        ]
        return try sources.map { name, source in
            var log: [String] = []
            let run = TrainingRun(setup: tinySetup(output: "\(name).safetensors", withDevFile: withDevFile), data: source) {
                log.append($0)
            }
            let result = try run.run()
            return (try SentimentModel.load(contentsOf: result.model), result, log)
        }
    }

    func assertSameModel(_ a: SentimentModel, _ b: SentimentModel, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.labels, b.labels, file: file, line: line)
        XCTAssertEqual(a.vocabulary.tokens, b.vocabulary.tokens, file: file, line: line)
        XCTAssertEqual(a.vocabulary.counts, b.vocabulary.counts, file: file, line: line)
        XCTAssertEqual(a.classifier.parameters.map(\.name), b.classifier.parameters.map(\.name), file: file, line: line)
        for (p, q) in zip(a.classifier.parameters, b.classifier.parameters) {
            XCTAssertEqual(p.value.map(\.bitPattern), q.value.map(\.bitPattern), "\(p.name) differs", file: file, line: line)
        }
    }

    func testTheCacheGivesTheSameModelToTheBitWithADevFile() throws {
        let runs = try train(withDevFile: true)
        assertSameModel(runs[0].model, runs[1].model)
        assertSameModel(runs[0].model, runs[2].model)
        XCTAssertEqual(runs[0].result.test, runs[2].result.test)
        XCTAssertEqual(runs[0].result.history.map(\.trainLoss), runs[2].result.history.map(\.trainLoss))
        // Only the warm run reuses anything, and then everything.
        XCTAssertFalse(runs[1].log.contains { $0.hasPrefix("dataset cache:") }, "\(runs[1].log)")
        let demo = Self.demo.path
        XCTAssertTrue(runs[2].log.contains(
            "dataset cache: \(demo)/train.tsv (rows, vocabulary, token ids); \(demo)/dev.tsv (rows, token ids); "
                + "\(demo)/test.tsv (rows, token ids)"), "\(runs[2].log)")
    }

    func testTheCacheGivesTheSameModelToTheBitWithACarvedDevSplit() throws {
        let runs = try train(withDevFile: false)
        assertSameModel(runs[0].model, runs[1].model)
        assertSameModel(runs[0].model, runs[2].model)
        XCTAssertEqual(runs[0].result.dev, runs[2].result.dev)
        XCTAssertTrue(runs[2].log.contains { $0.hasPrefix("dataset cache: \(Self.demo.path)/train.tsv (rows, vocabulary, token ids)") },
                      "\(runs[2].log)")
    }

    func testAnotherVocabularySettingIsNotTakenFromTheCache() throws {
        let database = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let source = CachedTrainingData(cache: CorpusCache(database: database))
        var log: [String] = []
        _ = try TrainingRun(setup: tinySetup(output: "a.safetensors", withDevFile: true), data: source).run()
        var setup = tinySetup(output: "b.safetensors", withDevFile: true)
        setup.minCount = 2
        let result = try TrainingRun(setup: setup, data: source) { log.append($0) }.run()
        let plain = try TrainingRun(setup: tinySetup(output: "c.safetensors", withDevFile: true)).run()
        XCTAssertNotEqual(try SentimentModel.load(contentsOf: result.model).vocabulary.count,
                          try SentimentModel.load(contentsOf: plain.model).vocabulary.count)
        // Rows come from the cache; the vocabulary and so the token ids are new.
        let demo = Self.demo.path
        XCTAssertTrue(log.contains("dataset cache: \(demo)/train.tsv (rows); \(demo)/dev.tsv (rows); \(demo)/test.tsv (rows)"), "\(log)")
    }
}
