import Foundation
import XCTest
@testable import Model

/// `train --init`: fine-tuning starts from a model's weights and keeps its vocabulary,
/// classes and shape.
final class FineTuningTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try ModelFixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A small model trained on corpora/demo (labels `negative`/`neutral`/`positive`).
    func trainBase() throws -> URL {
        var setup = TrainingSetup(trainPath: TrainingRunTests.demo.appendingPathComponent("train.tsv").path,
                                  output: directory.appendingPathComponent("base.safetensors"))
        setup.devPath = TrainingRunTests.demo.appendingPathComponent("dev.tsv").path
        setup.embeddingDim = 8
        setup.hiddenSize = 8
        setup.training.epochs = 2
        setup.training.batchSize = 16
        setup.training.learningRate = 0.01
        return try TrainingRun(setup: setup).run().model
    }

    /// Rows whose words are partly outside the demo vocabulary.
    func writeCorpus(_ rows: [(String, String)], name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        let text = (["label\ttext"] + rows.map { "\($0.0)\t\($0.1)" }).joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func fineTuneSetup(base: URL, train: URL, learningRate: Float) -> TrainingSetup {
        var setup = TrainingSetup(trainPath: train.path, output: directory.appendingPathComponent("tuned.safetensors"))
        setup.devPath = train.path
        setup.initialModel = .file(base)
        // Shape options do not apply: the starting model's shape is kept.
        setup.hiddenSize = 99
        setup.layers = 3
        setup.training.epochs = 1
        setup.training.batchSize = 4
        setup.training.learningRate = learningRate
        return setup
    }

    func testStartsFromTheModelsWeightsAndKeepsItsVocabularyClassesAndShape() throws {
        let base = try SentimentModel.load(contentsOf: try trainBase())
        let rows = (0..<24).map { i in i % 2 == 0 ? ("positive", "a zorbulous delight \(i)") : ("negative", "a grimsome slog \(i)") }
        let train = try writeCorpus(rows, name: "tune.tsv")
        // Adam moves each weight by at most about lr per step: with lr 1e-6 and 6 steps
        // the weights must stay within 1e-4 of the start, while a fresh initialization
        // would be ~0.1 away.
        let result = try TrainingRun(setup: fineTuneSetup(base: URL(fileURLWithPath: base.source), train: train, learningRate: 1e-6)).run()
        let tuned = try SentimentModel.load(contentsOf: result.model)

        XCTAssertEqual(tuned.vocabulary.tokens, base.vocabulary.tokens, "no new tokens: 'zorbulous' stays <unk>")
        XCTAssertEqual(tuned.labels, ["negative", "neutral", "positive"])
        XCTAssertEqual(tuned.configuration.network, base.configuration.network)
        XCTAssertEqual(tuned.configuration.training?.initialModel,
                       ModelFileRecord(file: base.source, fingerprint: base.fingerprint))
        var largest: Float = 0, changed = 0
        for parameter in base.classifier.parameters {
            let after = try XCTUnwrap(tuned.classifier.parameter(named: parameter.name)).value
            for (a, b) in zip(parameter.value, after) {
                largest = max(largest, abs(a - b))
                if a != b { changed += 1 }
            }
        }
        XCTAssertLessThan(largest, 1e-4)
        XCTAssertGreaterThan(changed, 1000, "training moved the weights")
    }

    /// The default model reads 0/1 as negative/positive through its label aliases;
    /// fine-tuning keeps them, so files labeled that way tune it too.
    func testFineTuningKeepsTheStartingModelsLabelAliases() throws {
        var setup = TrainingSetup(trainPath: TrainingRunTests.demo.appendingPathComponent("train.tsv").path,
                                  output: directory.appendingPathComponent("aliased.safetensors"))
        setup.devPath = TrainingRunTests.demo.appendingPathComponent("dev.tsv").path
        setup.embeddingDim = 8
        setup.hiddenSize = 8
        setup.training.epochs = 1
        setup.labelAliases = ["0": "negative", "1": "positive"]
        let base = try TrainingRun(setup: setup).run().model
        XCTAssertEqual(try SentimentModel.load(contentsOf: base).configuration.labelAliases, ["0": "negative", "1": "positive"])
        let rows = (0..<12).map { i in i % 2 == 0 ? ("1", "the plot was wonderful") : ("0", "the plot was awful") }
        let train = try writeCorpus(rows, name: "binary.tsv")
        let tuned = try SentimentModel.load(contentsOf: try TrainingRun(setup: fineTuneSetup(base: base, train: train, learningRate: 0.001)).run().model)
        XCTAssertEqual(tuned.labels, ["negative", "neutral", "positive"])
        XCTAssertEqual(tuned.configuration.labelAliases, ["0": "negative", "1": "positive"])
    }

    func testLearnsFromTheNewData() throws {
        let base = try trainBase()
        // Labels opposite to what the demo corpus taught: the starting model gets them
        // wrong, so reaching 100% shows the fine-tuning learned.
        let rows = (0..<40).map { i in i % 2 == 0 ? ("negative", "the plot was wonderful") : ("positive", "the plot was awful") }
        let train = try writeCorpus(rows, name: "tune.tsv")
        var setup = fineTuneSetup(base: base, train: train, learningRate: 0.01)
        setup.training.epochs = 3
        let result = try TrainingRun(setup: setup).run()
        XCTAssertEqual(result.dev?.accuracy, 1.0)
    }

    func testNewOutputLayerTransfersTheEncoderToOtherClasses() throws {
        let base = try SentimentModel.load(contentsOf: try trainBase())
        let names = ["bad", "meh", "good"]
        let rows = (0..<30).map { i in (names[i % 3], "the film was \(["awful", "fine", "wonderful"][i % 3])") }
        let train = try writeCorpus(rows, name: "three.tsv")
        var setup = fineTuneSetup(base: URL(fileURLWithPath: base.source), train: train, learningRate: 1e-6)
        setup.newOutputLayer = true
        let tuned = try SentimentModel.load(contentsOf: try TrainingRun(setup: setup).run().model)

        XCTAssertEqual(tuned.labels, ["bad", "good", "meh"], "the data's classes, in label order")
        XCTAssertEqual(tuned.vocabulary.tokens, base.vocabulary.tokens)
        var expected = base.configuration.network
        expected.classCount = 3
        XCTAssertEqual(tuned.configuration.network, expected)
        for parameter in base.classifier.parameters where !parameter.name.hasPrefix("fc.") {
            let after = try XCTUnwrap(tuned.classifier.parameter(named: parameter.name)).value
            let largest = zip(parameter.value, after).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(largest, 1e-4, parameter.name)
        }
        XCTAssertEqual(tuned.classifier.parameter(named: "fc.weight")?.shape, [3, 2 * expected.hiddenSize])
    }

    func testRowsMustUseTheModelsLabels() throws {
        let base = try trainBase()
        let train = try writeCorpus([("positive", "fine"), ("mixed", "so-so")], name: "tune.tsv")
        XCTAssertThrowsError(try TrainingRun(setup: fineTuneSetup(base: base, train: train, learningRate: 0.01)).run()) { error in
            XCTAssertEqual("\(error)", "\(train.path):3: label 'mixed' is not one of the model's labels (negative, neutral, positive)")
        }
    }

    func testVectorsAndLabelNamesDoNotApply() throws {
        let base = try trainBase()
        let train = try writeCorpus([("positive", "fine"), ("negative", "dull")], name: "tune.tsv")
        var setup = fineTuneSetup(base: base, train: train, learningRate: 0.01)
        setup.vectors = directory.appendingPathComponent("vectors.txt")
        XCTAssertThrowsError(try TrainingRun(setup: setup).run()) { error in
            XCTAssertEqual("\(error)", "--vectors does not apply with --init: the embedding comes from the starting model")
        }
        setup.vectors = nil
        setup.labelNames = ["bad", "good"]
        XCTAssertThrowsError(try TrainingRun(setup: setup).run()) { error in
            XCTAssertEqual("\(error)", "--label-names does not apply with --init: the classes are the starting model's")
        }
    }

    func testAMissingStartingModelNamesTheFile() throws {
        let train = try writeCorpus([("positive", "fine"), ("negative", "dull")], name: "tune.tsv")
        let missing = directory.appendingPathComponent("nope.safetensors")
        XCTAssertThrowsError(try TrainingRun(setup: fineTuneSetup(base: missing, train: train, learningRate: 0.01)).run()) { error in
            XCTAssertTrue("\(error)".hasPrefix(missing.path), "\(error)")
        }
    }
}
