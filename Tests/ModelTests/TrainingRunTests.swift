import Foundation
import Corpus
import XCTest
@testable import Model

final class TrainingRunTests: XCTestCase {
    static let demo = ModelFixtures.demoCorpus

    var directory: URL!

    override func setUpWithError() throws {
        directory = try ModelFixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func demoSetup(epochs: Int = 9, width: Int = 16) -> TrainingSetup {
        var setup = TrainingSetup(trainPath: Self.demo.appendingPathComponent("train.tsv").path,
                                  output: directory.appendingPathComponent("demo.safetensors"))
        setup.devPath = Self.demo.appendingPathComponent("dev.tsv").path
        setup.testPath = Self.demo.appendingPathComponent("test.tsv").path
        setup.embeddingDim = width
        setup.hiddenSize = width
        setup.pooling = .mean
        setup.dropout = 0.2
        setup.training.epochs = epochs
        setup.training.patience = epochs
        setup.training.batchSize = 16
        setup.training.learningRate = 0.01
        return setup
    }

    /// 434 training rows across many topics, random embeddings: a small model gets
    /// 63.8% on the 94 test rows with seed 42 (chance is ~50%); anything below 60% means
    /// training broke.
    func testTrainsOnTheDemoCorpusAndBeatsChanceClearly() throws {
        let result = try TrainingRun(setup: demoSetup()).run()
        XCTAssertEqual(result.outcome, .completed)
        XCTAssertEqual(result.labels, ["negative", "neutral", "positive"])
        let test = try XCTUnwrap(result.test)
        XCTAssertEqual(test.count, 154)
        // Three classes; always answering the largest (neutral) scores 60 of 154 = 39%.
        XCTAssertGreaterThanOrEqual(test.accuracy, 0.50, "demo test accuracy \(test.accuracy)")
        // The file holds the best epoch, its metrics, and gives the same test accuracy.
        let model = try SentimentModel.load(contentsOf: result.model)
        XCTAssertEqual(model.configuration.training?.bestEpoch, result.bestEpoch)
        XCTAssertEqual(model.configuration.training?.test?.accuracy, test.accuracy)
        XCTAssertEqual(model.configuration.training?.history.count, 9)
    }

    func testInterruptedRunResumesWhereItStopped() throws {
        var setup = demoSetup(epochs: 4, width: 8)
        setup.trainPath = try ModelFixtures.demoTrainingSlice(in: directory).path
        var batches = 0
        // 1,501 rows → 94 batches per epoch (sorting pools of 800 and 701 rows): stop in the middle of epoch 3.
        let first = try TrainingRun(setup: setup).run(onEvent: { event in
            if case .batch = event { batches += 1 }
        }, shouldStop: { batches >= 235 })
        XCTAssertEqual(first.outcome, .interrupted)
        XCTAssertEqual(first.history.map(\.epoch), [1, 2])
        XCTAssertTrue(FileManager.default.fileExists(atPath: setup.resumeURL.path), "resume file kept")
        let saved = try SentimentModel.load(contentsOf: setup.output)
        XCTAssertEqual(saved.configuration.training?.bestEpoch, first.bestEpoch)

        setup.resume = true
        let second = try TrainingRun(setup: setup).run()
        XCTAssertEqual(second.outcome, .completed)
        XCTAssertEqual(second.history.map(\.epoch), [1, 2, 3, 4])
        XCTAssertEqual(Array(second.history.prefix(2)), first.history, "the first two epochs are carried over")
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.resumeURL.path), "a finished run removes its resume file")
    }

    func testFloat16ModelsRecordTheTestScoreOfTheRoundedWeights() throws {
        var setup = demoSetup(epochs: 2, width: 8)
        setup.storage = .float16
        let result = try TrainingRun(setup: setup).run()
        let model = try SentimentModel.load(contentsOf: result.model)
        XCTAssertEqual(model.configuration.storage, .float16)
        let rows = try CorpusReader(path: setup.testPath!).readAll()
        let mapping = LabelMapping(labels: model.labels, sourceLabels: model.configuration.sourceLabels)
        let predicted = argmaxRows(model.probabilities(for: encodeAll(rows, with: model.encoder)))
        let metrics = ClassificationMetrics(labels: model.labels, truth: try mapping.classIndices(rows), predicted: predicted)
        XCTAssertEqual(metrics, result.test)
        XCTAssertEqual(model.configuration.training?.test?.accuracy, metrics.accuracy)
    }

    func testDevLabelsOutsideTheTrainingLabelsNameTheirLine() throws {
        let dev = directory.appendingPathComponent("dev.tsv")
        try "label\ttext\npositive\tfine\nmixed\tso-so\n".write(to: dev, atomically: true, encoding: .utf8)
        var setup = demoSetup()
        setup.devPath = dev.path
        XCTAssertThrowsError(try TrainingRun(setup: setup).run()) { error in
            XCTAssertEqual("\(error)", "\(dev.path):3: label 'mixed' is not one of the model's labels (negative, neutral, positive)")
        }
    }

    func testClassMappingForIntegerAndStringLabels() {
        // Integer labels keep numeric order, so SST-5's 0…4 are classes 0…4; renamed
        // classes still accept the original spelling.
        let numeric = LabelMapping(labels: ["very negative", "negative", "neutral", "positive", "very positive"],
                                   sourceLabels: ["0", "1", "2", "3", "4"])
        XCTAssertEqual(["0", "4", "neutral", "2", "very positive"].map(numeric.classIndex), [0, 4, 2, 2, 4])
        XCTAssertNil(numeric.classIndex(of: "5"))
        let named = LabelMapping(labels: ["negative", "positive"], sourceLabels: nil)
        XCTAssertEqual(named.classIndex(of: "positive"), 1)
        XCTAssertNil(named.classIndex(of: "1"), "no source labels: digits are not guessed")
    }
}
