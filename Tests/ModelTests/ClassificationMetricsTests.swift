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

    func testArgmaxTakesTheFirstOnTies() {
        XCTAssertEqual(argmaxRows([[0.2, 0.8], [0.5, 0.5], [0.1, 0.3, 0.6]]), [1, 0, 2])
    }
}
