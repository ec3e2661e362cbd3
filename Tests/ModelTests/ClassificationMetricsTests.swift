import XCTest
@testable import Model

final class ClassificationMetricsTests: XCTestCase {
    func testScoresAgainstHandComputedValues() {
        // truth:     0 0 0 1 1 2
        // predicted: 0 0 1 1 2 2
        let metrics = ClassificationMetrics(labels: ["a", "b", "c"], truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(metrics.confusion, [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        XCTAssertEqual(metrics.accuracy, 4.0 / 6.0, accuracy: 1e-12)
        let scores = metrics.perClass
        XCTAssertEqual(scores[0].precision, 1, accuracy: 1e-12)
        XCTAssertEqual(scores[0].recall, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(scores[0].f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(scores[1].f1, 0.5, accuracy: 1e-12)
        XCTAssertEqual(scores[2].precision, 0.5, accuracy: 1e-12)
        XCTAssertEqual(scores[2].f1, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(scores.map(\.support), [3, 2, 1])
        XCTAssertEqual(metrics.macroF1, (0.8 + 0.5 + 2.0 / 3.0) / 3, accuracy: 1e-12)
    }

    func testAClassNeverPredictedScoresZeroNotNaN() {
        let metrics = ClassificationMetrics(labels: ["neg", "pos"], truth: [0, 1, 1], predicted: [1, 1, 1])
        XCTAssertEqual(metrics.perClass[0].precision, 0)
        XCTAssertEqual(metrics.perClass[0].f1, 0)
        XCTAssertEqual(metrics.macroF1, 0.4, accuracy: 1e-12)
    }

    /// A file of one class's texts: macro-F1 averages the classes that occur among the
    /// labels or the predictions (scikit-learn's default), not a class with neither.
    func testAClassNeitherHeldNorPredictedIsLeftOutOfMacroF1() {
        // truth: c c c c; predicted: c c c b. a: neither; b: P 0, R undefined, F1 0;
        // c: P 1, R 3/4, F1 6/7.
        let metrics = ClassificationMetrics(labels: ["a", "b", "c"], truth: [2, 2, 2, 2], predicted: [2, 2, 2, 1])
        XCTAssertEqual(metrics.perClass.map(\.isScored), [false, true, true])
        XCTAssertEqual(metrics.perClass[2].f1, 6.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(metrics.macroF1, (0 + 6.0 / 7.0) / 2, accuracy: 1e-12)
        XCTAssertEqual(ClassificationMetrics(labels: ["a", "b"], truth: [], predicted: []).macroF1, 0)
    }

    func testArgmaxTakesTheFirstOnTies() {
        XCTAssertEqual(argmaxRows([[0.2, 0.8], [0.5, 0.5], [0.1, 0.3, 0.6]]), [1, 0, 2])
    }

    /// A binary dev set scored by a three-way model (negative, neutral, positive): the
    /// metrics cover negative and positive, each prediction the larger of their two
    /// probabilities, as eval does for such a file.
    func testADevSetWithFewerClassesIsScoredOverThoseItHolds() {
        let labels = ["negative", "neutral", "positive"]
        // truth: negative, negative, positive, positive
        let truth = [0, 0, 2, 2]
        let probabilities: [[Float]] = [
            [0.5, 0.4, 0.1],   // negative over all, and among negative/positive
            [0.2, 0.5, 0.3],   // neutral over all; positive among the two: wrong
            [0.1, 0.6, 0.3],   // neutral over all; positive among the two: right
            [0.1, 0.1, 0.8],   // positive
        ]
        let restricted = ClassificationMetrics.overClassesPresent(labels: labels, truth: truth, probabilities: probabilities)
        XCTAssertEqual(restricted.labels, ["negative", "positive"])
        XCTAssertEqual(restricted.confusion, [[1, 1], [0, 2]])
        XCTAssertEqual(restricted.accuracy, 0.75, accuracy: 1e-12)
        // negative: P 1, R 1/2, F1 2/3; positive: P 2/3, R 1, F1 0.8.
        XCTAssertEqual(restricted.macroF1, (2.0 / 3.0 + 0.8) / 2, accuracy: 1e-12)
        // Over all three classes neutral would take two rows and add an F1 of 0.
        let whole = ClassificationMetrics(labels: labels, truth: truth, predicted: argmaxRows(probabilities))
        XCTAssertEqual(whole.accuracy, 0.5, accuracy: 1e-12)
        // Every class present, or only one: no restriction.
        XCTAssertNil(ClassificationMetrics.classesPresent(in: [0, 1, 2], of: 3))
        XCTAssertNil(ClassificationMetrics.classesPresent(in: [2, 2], of: 3))
        XCTAssertEqual(ClassificationMetrics.overClassesPresent(labels: labels, truth: [0, 1, 2], probabilities: Array(probabilities.prefix(3))),
                       ClassificationMetrics(labels: labels, truth: [0, 1, 2], predicted: [0, 1, 1]))
    }
}
