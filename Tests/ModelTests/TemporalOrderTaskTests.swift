import XCTest
@testable import Model

final class TemporalOrderTaskTests: XCTestCase {
    func testTheSameSeedGivesTheSameSequencesAndAnotherSeedOthers() throws {
        let first = Array(try TemporalOrderTask(length: 30, count: 200, seed: 7))
        let again = Array(try TemporalOrderTask(length: 30, count: 200, seed: 7))
        let other = Array(try TemporalOrderTask(length: 30, count: 200, seed: 8))
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first.map(\.text), other.map(\.text))
        XCTAssertEqual(first.count, 200)
    }

    /// A golden value: the stream must not change with the platform or the Swift version
    /// (our own rejection sampling, not the standard library's shuffles).
    func testTheFirstSequencesOfSeedOneAreFixed() throws {
        let examples = Array(try TemporalOrderTask(length: 20, count: 2, seed: 1))
        XCTAssertEqual(examples.map(\.label), ["YX", "XX"])
        XCTAssertEqual(examples[0].text, "c c b b Y a b c b b d b X d d a d b b b")
        XCTAssertEqual(examples[1].text, "a d a b X d b a b d a X c a c d b a d a")
    }

    func testEveryFourConsecutiveExamplesHoldEachClassOnce() throws {
        let examples = Array(try TemporalOrderTask(length: 12, count: 2000, seed: 3))
        for start in stride(from: 0, to: examples.count, by: 4) {
            XCTAssertEqual(Set(examples[start..<start + 4].map(\.label)), Set(TemporalOrderTask.classes), "block at \(start)")
        }
        // A count that is not a multiple of four: the counts differ by at most one.
        var counts: [String: Int] = [:]
        for example in try TemporalOrderTask(length: 12, count: 1003, seed: 3) { counts[example.label, default: 0] += 1 }
        XCTAssertEqual(counts.values.reduce(0, +), 1003)
        XCTAssertEqual(Set(counts.keys), Set(TemporalOrderTask.classes))
        XCTAssertLessThanOrEqual(counts.values.max()! - counts.values.min()!, 1, "\(counts)")
    }

    func testMarkerWindowsScaleWithTheLength() throws {
        for (length, first, second) in [(10, 1...2, 5...6), (20, 2...4, 10...12), (100, 10...20, 50...60), (37, 3...7, 18...22)] {
            let task = try TemporalOrderTask(length: length, count: 1, seed: 0)
            XCTAssertEqual(task.firstMarkerPositions, first, "L = \(length)")
            XCTAssertEqual(task.secondMarkerPositions, second, "L = \(length)")
        }
    }

    func testMarkersSitInTheirWindowsAndEveryOtherTokenIsADistractor() throws {
        for length in [10, 11, 37, 100] {
            let task = try TemporalOrderTask(length: length, count: 400, seed: 5)
            var firstSeen = Set<Int>(), secondSeen = Set<Int>()
            for example in task {
                XCTAssertEqual(example.tokens.count, length)
                XCTAssertTrue(task.firstMarkerPositions.contains(example.firstMarkerPosition))
                XCTAssertTrue(task.secondMarkerPositions.contains(example.secondMarkerPosition))
                firstSeen.insert(example.firstMarkerPosition)
                secondSeen.insert(example.secondMarkerPosition)
                for (position, token) in example.tokens.enumerated() {
                    let isMarker = position == example.firstMarkerPosition || position == example.secondMarkerPosition
                    XCTAssertTrue((isMarker ? TemporalOrderTask.markers : TemporalOrderTask.distractors).contains(token),
                                  "L = \(length), position \(position): \(token)")
                }
            }
            // Uniform draws over 400 examples reach every position of each window.
            XCTAssertEqual(firstSeen, Set(task.firstMarkerPositions), "L = \(length)")
            XCTAssertEqual(secondSeen, Set(task.secondMarkerPositions), "L = \(length)")
        }
    }

    func testTheLabelIsTheMarkersInOrder() throws {
        for example in try TemporalOrderTask(length: 25, count: 300, seed: 11) {
            XCTAssertEqual(example.label, example.tokens[example.firstMarkerPosition] + example.tokens[example.secondMarkerPosition])
        }
    }

    /// XY and YX hold the same tokens in another order: a bag of words cannot tell them apart.
    func testMixedClassesHaveTheSameMarkerCounts() throws {
        for example in try TemporalOrderTask(length: 40, count: 200, seed: 2) where example.label == "XY" || example.label == "YX" {
            XCTAssertEqual(example.tokens.filter { $0 == "X" }.count, 1)
            XCTAssertEqual(example.tokens.filter { $0 == "Y" }.count, 1)
        }
    }

    func testTooShortASequenceOrNoExamplesIsRefused() {
        XCTAssertThrowsError(try TemporalOrderTask(length: 9, count: 10, seed: 1)) { error in
            XCTAssertEqual(error as? SyntheticDataError, .sequenceTooShort(length: 9, minimum: 10))
            XCTAssertEqual("\(error)", "temporal-order: the length must be at least 10 (markers sit in [0.1 L, 0.2 L] and [0.5 L, 0.6 L]), not 9")
        }
        XCTAssertThrowsError(try TemporalOrderTask(length: 10, count: 0, seed: 1)) { error in
            XCTAssertEqual(error as? SyntheticDataError, .noExamples(count: 0))
            XCTAssertEqual("\(error)", "temporal-order: the count must be at least 1, not 0")
        }
    }

    /// A sequence is built in memory: a length of a billion took gigabytes before any output.
    func testTooLongASequenceOrTooManyExamplesIsRefused() {
        XCTAssertThrowsError(try TemporalOrderTask(length: 100_001, count: 1, seed: 1)) { error in
            XCTAssertEqual(error as? SyntheticDataError, .sequenceTooLong(length: 100_001, maximum: 100_000))
        }
        XCTAssertThrowsError(try TemporalOrderTask(length: 10, count: 10_000_001, seed: 1)) { error in
            XCTAssertEqual(error as? SyntheticDataError, .tooManyExamples(count: 10_000_001, maximum: 10_000_000))
        }
        XCTAssertNoThrow(try TemporalOrderTask(length: 100_000, count: 10_000_000, seed: 1))
    }
}

/// The task the cells are compared on, learned for real: a small LSTM masters L = 20
/// within a few epochs, which neither a bag of words nor any single position could.
final class TemporalOrderLearningTests: XCTestCase {
    func encoded(_ task: TemporalOrderTask) -> EncodedExamples {
        let ids = Dictionary(uniqueKeysWithValues: (TemporalOrderTask.distractors + TemporalOrderTask.markers)
            .enumerated().map { ($1, Int32($0 + 2)) })
        var sequences: [[Int32]] = [], labels: [Int] = []
        for example in task {
            sequences.append(example.tokens.map { ids[$0]! })
            labels.append(TemporalOrderTask.classes.firstIndex(of: example.label)!)
        }
        return EncodedExamples(sequences: sequences, labels: labels)
    }

    func testAnLSTMLearnsTheTemporalOrderTaskAtLengthTwenty() throws {
        let config = ClassifierConfig(vocabularySize: 8, embeddingDim: 8, hiddenSize: 16, layers: 1, classCount: 4,
                                      dropout: 0, pooling: .last, cell: .lstm, directions: 1)
        var options = TrainingOptions()
        options.epochs = 12
        options.patience = 12
        options.batchSize = 16
        options.learningRate = 0.01
        options.seed = 1
        let trainer = Trainer(classifier: Classifier(config: config, seed: 1), options: options,
                              train: encoded(try TemporalOrderTask(length: 20, count: 600, seed: 1)),
                              dev: encoded(try TemporalOrderTask(length: 20, count: 200, seed: 2)))
        _ = try trainer.run(labels: TemporalOrderTask.classes)
        let best = trainer.progress.history.map(\.devAccuracy).max() ?? 0
        XCTAssertGreaterThanOrEqual(best, 0.95, "dev accuracy by epoch: \(trainer.progress.history.map(\.devAccuracy))")
        XCTAssertLessThan(trainer.progress.history[0].devAccuracy, 0.9, "not solved before training")
    }
}
