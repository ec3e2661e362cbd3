import XCTest
@testable import Pipeline

final class ClassSubsetTests: XCTestCase {
    private let labels = ["negative", "neutral", "positive"]

    /// Renormalized probabilities are softmax over the chosen logits alone.
    func testRestrictionIsTheSoftmaxOfTheChosenLogits() throws {
        let logits: [Double] = [0.3, 2.0, -1.2]
        let total = logits.map(exp).reduce(0, +)
        let probabilities = logits.map { Float(exp($0) / total) }
        let subset = try ClassSubset(names: ["positive", "negative"], modelLabels: labels)
        XCTAssertEqual(subset.labels, ["negative", "positive"], "model order, whatever the order given")
        XCTAssertEqual(subset.indices, [0, 2])
        let restricted = subset.restrict(probabilities)
        let chosen = exp(0.3) + exp(-1.2)
        XCTAssertEqual(restricted[0], Float(exp(0.3) / chosen), accuracy: 1e-6)
        XCTAssertEqual(restricted[1], Float(exp(-1.2) / chosen), accuracy: 1e-6)

        let prediction = subset.restrict(Prediction(probabilities: probabilities, labels: labels, isFromCache: true))
        XCTAssertEqual(prediction.label, "negative")
        XCTAssertEqual(prediction.labelIndex, 0)
        XCTAssertTrue(prediction.isFromCache)
        XCTAssertFalse(subset.isWholeModel)
        XCTAssertTrue(try ClassSubset(names: labels, modelLabels: labels).isWholeModel)
    }

    func testAllChosenProbabilitiesUnderflowedGivesTheFirstChosenClass() throws {
        let subset = try ClassSubset(names: ["negative", "positive"], modelLabels: labels)
        XCTAssertEqual(subset.restrict([0, 1, 0]), [1, 0])
    }

    func testErrorsNameTheModelsClasses() {
        XCTAssertThrowsError(try ClassSubset(names: ["negative", "upbeat"], modelLabels: labels)) { error in
            XCTAssertEqual("\(error)", "--classes: the model has no class 'upbeat'; its classes are negative, neutral, positive")
        }
        XCTAssertThrowsError(try ClassSubset(names: ["neutral"], modelLabels: labels)) { error in
            XCTAssertEqual("\(error)", "--classes: choose at least two of the model's classes (negative, neutral, positive)")
        }
        XCTAssertThrowsError(try ClassSubset(names: ["neutral", "neutral"], modelLabels: labels)) { error in
            XCTAssertEqual("\(error)", "--classes: 'neutral' is given twice")
        }
        XCTAssertThrowsError(try ClassSubset(names: ["negative", ""], modelLabels: labels))
    }
}
