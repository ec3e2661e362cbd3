import Foundation
import XCTest
@testable import Model

final class TrainerTests: XCTestCase {
    /// Sequences whose class is whether token 2 ("good") or 3 ("bad") appears, padded
    /// with neutral tokens 4…7 so lengths vary.
    func examples(count: Int, seed: UInt64) -> EncodedExamples {
        var generator = SeededTestGenerator(seed: seed)
        var sequences: [[Int32]] = [], labels: [Int] = []
        for _ in 0..<count {
            let label = Int.random(in: 0...1, using: &generator)
            var sequence = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int32.random(in: 4...7, using: &generator) }
            sequence.insert(label == 1 ? 2 : 3, at: Int.random(in: 0...sequence.count, using: &generator))
            sequences.append(sequence)
            labels.append(label)
        }
        return EncodedExamples(sequences: sequences, labels: labels)
    }

    func makeTrainer(epochs: Int, patience: Int, learningRate: Float = 0.05, seed: UInt64 = 1) -> Trainer {
        var options = TrainingOptions()
        options.epochs = epochs
        options.patience = patience
        options.batchSize = 8
        options.learningRate = learningRate
        options.seed = seed
        return Trainer(classifier: Classifier(config: ModelFixtures.classifierConfig(), seed: seed), options: options,
                       train: examples(count: 96, seed: 1), dev: examples(count: 40, seed: 2))
    }

    func testEarlyStoppingKeepsTheBestEpochsWeights() throws {
        let trainer = makeTrainer(epochs: 12, patience: 2, learningRate: 0.2)
        var savedAtImprovement: [Int: [[Float]]] = [:]
        let outcome = try trainer.run(labels: ["negative", "positive"], onImproved: { trainer in
            savedAtImprovement[trainer.progress.epochsDone] = trainer.classifier.parameters.map(\.value)
        })
        let history = trainer.progress.history
        let scores = history.map(\.devMacroF1)
        let best = scores.firstIndex(of: scores.max()!)! + 1
        XCTAssertEqual(trainer.progress.bestEpoch, best, "the best epoch is the first with the highest dev macro-F1: \(scores)")
        XCTAssertEqual(Set(savedAtImprovement.keys), Set(history.filter { record in
            !history.contains { $0.epoch < record.epoch && $0.devMacroF1 >= record.devMacroF1 }
        }.map(\.epoch)), "a checkpoint is written exactly when the dev score improves")
        if outcome == .earlyStopped {
            XCTAssertEqual(history.count, best + 2, "stops after `patience` epochs without improvement")
        } else {
            XCTAssertEqual(history.count, 12)
        }
        XCTAssertEqual(trainer.classifier.parameters.map(\.value), savedAtImprovement[best], "the classifier ends with the best weights")
    }

    /// Calibration fits on the dev logits kept from the best epoch's scoring pass instead
    /// of running the dev set again: they must be that pass's logits of the weights the
    /// classifier ends with, bit for bit, and not a later epoch's.
    func testBestDevLogitsAreTheBestEpochsOwn() throws {
        let trainer = makeTrainer(epochs: 6, patience: 6, learningRate: 0.2)
        var logitsAtImprovement: [Int: [[Float]]] = [:]
        _ = try trainer.run(labels: ["negative", "positive"], onImproved: { trainer in
            logitsAtImprovement[trainer.progress.epochsDone] = trainer.bestDevLogits
        })
        let best = trainer.progress.bestEpoch
        XCTAssertLessThan(best, 6, "the test needs a later epoch that did not improve: \(trainer.progress.history.map(\.devMacroF1))")
        let fresh = logitsOfEncoded(trainer.dev.sequences, with: trainer.classifier)
        XCTAssertEqual(trainer.bestDevLogits, fresh)
        XCTAssertEqual(logitsAtImprovement[best], fresh)
        trainer.setBestWeights(trainer.classifier.parameters.map(\.value))
        XCTAssertNil(trainer.bestDevLogits, "weights adopted from elsewhere have no logits of their own")
    }

    func testPatienceEndingWithTheLastEpochIsNotAnEarlyStop() throws {
        // Learning rate 0: the weights never change, so no epoch after the first improves.
        let allEpochs = makeTrainer(epochs: 2, patience: 1, learningRate: 0)
        XCTAssertEqual(try allEpochs.run(labels: ["n", "p"]), .completed)
        XCTAssertEqual(allEpochs.progress.epochsDone, 2)
        let stopped = makeTrainer(epochs: 3, patience: 1, learningRate: 0)
        XCTAssertEqual(try stopped.run(labels: ["n", "p"]), .earlyStopped)
        XCTAssertEqual(stopped.progress.epochsDone, 2)
    }

    func testStopsWhenAskedAndReportsInterrupted() throws {
        let trainer = makeTrainer(epochs: 5, patience: 5)
        var batches = 0
        let outcome = try trainer.run(labels: ["n", "p"], onEvent: { event in
            if case .batch = event { batches += 1 }
        }, shouldStop: { batches >= 15 })
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertEqual(trainer.progress.epochsDone, 1, "12 batches per epoch: stopped during epoch 2")
    }

    func testSameSeedGivesTheSameWeights() throws {
        let first = makeTrainer(epochs: 2, patience: 5), second = makeTrainer(epochs: 2, patience: 5)
        _ = try first.run(labels: ["n", "p"])
        _ = try second.run(labels: ["n", "p"])
        XCTAssertEqual(first.classifier.parameters.map { $0.value.map(\.bitPattern) },
                       second.classifier.parameters.map { $0.value.map(\.bitPattern) })
        XCTAssertEqual(first.progress.history.map(\.trainLoss), second.progress.history.map(\.trainLoss))
    }

    func testLearningRateHalvesAfterEachEpochWithoutImprovement() throws {
        var options = TrainingOptions()
        options.epochs = 6
        options.patience = 6
        options.batchSize = 8
        options.learningRate = 0.2
        options.plateauDecay = 0.5
        let trainer = Trainer(classifier: Classifier(config: ModelFixtures.classifierConfig(), seed: 1), options: options,
                              train: examples(count: 96, seed: 1), dev: examples(count: 40, seed: 2))
        _ = try trainer.run(labels: ["n", "p"])
        var best = -1.0, plateaus = 0
        for record in trainer.progress.history {
            if record.devMacroF1 > best { best = record.devMacroF1 } else { plateaus += 1 }
        }
        XCTAssertEqual(trainer.optimizer.learningRate, 0.2 * pow(0.5, Float(plateaus)))
        XCTAssertEqual(trainer.progress.learningRate, plateaus > 0 ? trainer.optimizer.learningRate : nil)
    }

    func testBalancedClassWeights() {
        XCTAssertEqual(balancedClassWeights([0, 0, 0, 1], classCount: 2), [Float(4) / Float(6), 2])
        XCTAssertEqual(balancedClassWeights([0, 1], classCount: 3), [Float(2) / Float(3), Float(2) / Float(3), 0])
    }

    func testADivergingRunStopsBeforeTheEpochIsScoredOrSaved() throws {
        // A learning rate of 1e38 turns the first step's weights into infinities.
        let trainer = makeTrainer(epochs: 3, patience: 3, learningRate: 1e38)
        var improved = 0, epochs = 0
        XCTAssertThrowsError(try trainer.run(
            labels: ["n", "p"], onEvent: { if case .epoch = $0 { epochs += 1 } },
            onImproved: { _ in improved += 1 })
        ) { error in
            let diverged = error as? TrainingDivergedError
            XCTAssertEqual(diverged?.epoch, 1)
            XCTAssertEqual(diverged?.learningRate, 1e38)
            XCTAssertTrue("\(error)".hasPrefix("training diverged in epoch 1, batch "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("; try a lower --lr (this run: 1e+38)"), "\(error)")
        }
        XCTAssertEqual(improved, 0, "no diverged epoch is marked best")
        XCTAssertEqual(epochs, 0, "no diverged epoch is reported")
        XCTAssertEqual(trainer.progress.bestEpoch, 0)
        XCTAssertTrue(trainer.progress.history.isEmpty)
    }

    /// A dev set that holds two of a three-class model's classes is scored over those two,
    /// its loss too: the NLL of the probabilities renormalized over them, as `eval` has it.
    func testADevSetsLossIsOverTheClassesItHolds() throws {
        var config = ModelFixtures.classifierConfig()
        config.classCount = 3
        var options = TrainingOptions()
        options.epochs = 1
        options.batchSize = 8
        let twoOfThree = { (examples: EncodedExamples) in EncodedExamples(sequences: examples.sequences, labels: examples.labels.map { $0 * 2 }) }
        let trainer = Trainer(classifier: Classifier(config: config, seed: 1), options: options,
                              train: twoOfThree(examples(count: 96, seed: 1)), dev: twoOfThree(examples(count: 40, seed: 2)))
        _ = try trainer.run(labels: ["n", "o", "p"])
        let probabilities = classifyEncoded(trainer.dev.sequences, with: trainer.classifier)
        let restricted = zip(probabilities, trainer.dev.labels).map { -log(Double($0[$1]) / Double($0[0] + $0[2])) }
        let whole = zip(probabilities, trainer.dev.labels).map { -log(Double($0[$1])) }
        let loss = try XCTUnwrap(trainer.progress.history.last?.devLoss)
        XCTAssertEqual(loss, restricted.reduce(0, +) / 40, accuracy: 1e-6)
        XCTAssertGreaterThan(whole.reduce(0, +) / 40 - loss, 1e-3, "the third class's share is left out")
    }

    /// Each epoch's record holds the curve of its batches' losses and the dev set's mean
    /// cross-entropy (for `train --report`).
    func testEachEpochRecordsItsLossCurveAndDevLoss() throws {
        let trainer = makeTrainer(epochs: 2, patience: 5)
        _ = try trainer.run(labels: ["n", "p"], onEpochEnd: { trainer in
            // −mean log p(truth) of the weights just scored, computed apart from the trainer.
            let probabilities = classifyEncoded(trainer.dev.sequences, with: trainer.classifier)
            let expected = zip(probabilities, trainer.dev.labels).map { -log(Double($0[$1])) }.reduce(0, +) / Double(trainer.dev.count)
            XCTAssertEqual(try XCTUnwrap(trainer.progress.history.last?.devLoss), expected, accuracy: 1e-9)
        })
        XCTAssertEqual(trainer.progress.history.count, 2)
        for record in trainer.progress.history {
            let curve = try XCTUnwrap(record.trainLossCurve)
            XCTAssertEqual(curve.batches, 12, "96 examples in batches of 8")
            XCTAssertEqual(curve.meanLosses.count, 12, "one point a batch")
            XCTAssertEqual(curve.meanLosses.reduce(0, +) / 12, record.trainLoss, accuracy: 1e-5, "the curve's mean is the epoch's")
        }

        var options = trainer.options
        options.epochs = 1
        let noDev = Trainer(classifier: Classifier(config: ModelFixtures.classifierConfig(), seed: 1), options: options,
                            train: trainer.train, dev: EncodedExamples(sequences: [], labels: []))
        _ = try noDev.run(labels: ["n", "p"])
        XCTAssertEqual(noDev.progress.history.map(\.devLoss), [nil])
        XCTAssertNotNil(noDev.progress.history.first?.trainLossCurve)
    }
}
