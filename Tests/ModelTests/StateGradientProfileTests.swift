import XCTest
@testable import Model
@testable import NN

/// The vanishing-gradient measurement: ‖∂L/∂h_t‖ by distance from the last token.
final class StateGradientProfileTests: XCTestCase {
    func makeClassifier(_ cell: CellKind, seed: UInt64 = 3) -> Classifier {
        Classifier(config: ClassifierConfig(vocabularySize: 12, embeddingDim: 5, hiddenSize: 6, layers: 1, classCount: 3,
                                            dropout: 0.5, pooling: .last, cell: cell, directions: 1), seed: seed)
    }

    let texts: [[Int32]] = [[2, 3, 4, 5, 6, 7], [8, 9, 2], [3, 3, 3, 3, 3, 3, 3, 3]]
    let labels = [0, 2, 1]

    func testDistanceZeroIsTheOutputLayersGradientOfEachText() throws {
        for cell in CellKind.allCases {
            let classifier = makeClassifier(cell)
            let profile = StateGradientProfile.measure(classifier, texts: texts, labels: labels, batchSize: 2)
            XCTAssertEqual(profile.count, [3, 3, 3, 2, 2, 2, 1, 1], "\(cell)")
            // At the last token, ∂L/∂h = W_fcᵀ(p − onehot(y)) for that text alone.
            let k = 3, h = 6
            let w = classifier.fc.weight.value
            var expected = 0.0
            for (text, label) in zip(texts, labels) {
                let p = classifier.probabilities(PaddedBatch(sequences: [text]))
                var norm = 0.0
                for j in 0..<h {
                    var g: Float = 0
                    for c in 0..<k { g += w[c * h + j] * (p[c] - (c == label ? 1 : 0)) }
                    norm += Double(g * g)
                }
                expected += norm.squareRoot()
            }
            XCTAssertEqual(profile.meanNorm[0], expected / 3, accuracy: 1e-5 * expected, "\(cell)")
            XCTAssertTrue(classifier.parameters.allSatisfy { $0.gradient.allSatisfy { $0 == 0 } }, "gradients zeroed")
        }
    }

    func testWithoutRecurrentWeightsNothingReachesEarlierStatesOfTheRNN() {
        let classifier = makeClassifier(.rnn)
        let recurrent = classifier.parameter(named: "rnn.weight_hh_l0")!
        recurrent.value = [Float](repeating: 0, count: recurrent.count)
        let profile = StateGradientProfile.measure(classifier, texts: texts, labels: labels)
        XCTAssertGreaterThan(profile.meanNorm[0], 0)
        XCTAssertEqual(Array(profile.meanNorm[1...]), [Double](repeating: 0, count: 7))
    }

    func testSmallRecurrentWeightsMakeTheRNNGradientShrinkGeometrically() {
        let classifier = makeClassifier(.rnn)
        let recurrent = classifier.parameter(named: "rnn.weight_hh_l0")!
        recurrent.value = recurrent.value.map { $0 * 0.2 }
        let profile = StateGradientProfile.measure(classifier, texts: [texts[2]], labels: [1])
        // ∂L/∂h_{t−1} = W_hhᵀ·diag(1 − h_t²)·∂L/∂h_t, and ‖W_hh‖₂ ≤ 6·max|w| ≤ 6·0.2/√6 < 0.5:
        // each step back at least halves the norm.
        for k in 1..<8 {
            XCTAssertLessThan(profile.meanNorm[k], profile.meanNorm[k - 1] / 2, "distance \(k)")
        }
    }
}
