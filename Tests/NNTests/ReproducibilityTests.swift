import XCTest
@testable import Model
@testable import NN

/// Training twice with the same seed gives bit-identical weights. This holds because
/// BLAS is pinned to one thread and each LSTM direction (one per core) writes only its
/// own buffers, which are summed in a fixed order afterwards. (Across CPU kinds the
/// per-instruction-set kernels may round differently.)
final class ReproducibilityTests: XCTestCase {
    func train(seed: UInt64) -> [[Float]] {
        let config = ClassifierConfig(vocabularySize: 30, embeddingDim: 8, hiddenSize: 16, layers: 2, classCount: 2,
                                      dropout: 0.5, pooling: .max)
        let classifier = Classifier(config: config, seed: seed)
        let adam = Adam(parameters: classifier.parameters, learningRate: 0.01, decoupledWeightDecay: true)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<4 {
            let sequences = (0..<8).map { _ in
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int32.random(in: 1..<30, using: &generator) }
            }
            let labels = sequences.map { $0.count % 2 }
            classifier.zeroGradients()
            _ = classifier.trainStep(PaddedBatch(sequences: sequences), labels: labels, classWeights: nil,
                                     generator: &generator)
            clipGradientNorm(classifier.parameters, maxNorm: 1)
            adam.step()
        }
        return classifier.parameters.map(\.value)
    }

    func testSameSeedGivesBitIdenticalWeights() {
        let first = train(seed: 42), second = train(seed: 42)
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, train(seed: 43))
    }
}
