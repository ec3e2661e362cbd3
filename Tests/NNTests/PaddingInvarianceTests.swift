import XCTest
@testable import Model
@testable import NN

/// A sequence gives the same outputs and gradients alone as padded inside a batch of
/// longer ones: no state, in either direction, ever sees padding.
final class PaddingInvarianceTests: XCTestCase {
    let short: [Int32] = [4, 2, 7]
    let longer: [[Int32]] = [[1, 3, 5, 7, 2, 8, 6], [9, 9, 4, 3, 1]]

    func makeClassifier(_ pooling: Pooling, layers: Int, cell: CellKind, directions: Int) -> Classifier {
        Classifier(config: ClassifierConfig(vocabularySize: 10, embeddingDim: 6, hiddenSize: 9, layers: layers,
                                            classCount: 3, dropout: 0, pooling: pooling, cell: cell,
                                            directions: directions), seed: 21)
    }

    func testSequenceAloneMatchesSequenceInsidePaddedBatch() {
        for cell in CellKind.allCases {
            for directions in [1, 2] {
                checkPaddingInvariance(cell, directions: directions)
            }
        }
    }

    func checkPaddingInvariance(_ cell: CellKind, directions: Int) {
        for pooling in Pooling.allCases {
            for layers in [1, 2] {
                let what = "\(cell) D=\(directions), \(pooling), \(layers) layer(s)"
                let classifier = makeClassifier(pooling, layers: layers, cell: cell, directions: directions)
                let alone = classifier.probabilities(PaddedBatch(sequences: [short]))
                let batch = PaddedBatch(sequences: [longer[0], short, longer[1]])
                let together = classifier.probabilities(batch)
                assertClose(Array(together[3..<6]), alone, tolerance: 1e-6, "\(what) probabilities")

                // Class 2 weighs 0, so the longer texts add nothing to the loss: every
                // gradient must come from the short text alone.
                var generator = SeededGenerator(seed: 1)
                let weights: [Float] = [1, 1, 0]
                _ = classifier.trainStep(PaddedBatch(sequences: [short]), labels: [0], classWeights: weights,
                                         generator: &generator)
                let aloneGradients = classifier.parameters.map(\.gradient)
                classifier.zeroGradients()
                _ = classifier.trainStep(batch, labels: [2, 0, 2], classWeights: weights, generator: &generator)
                // 3e-5: a weight gradient sums over every packed row, and BLAS blocks a sum
                // of 15 rows (most of them exact zeros) differently from one of 3; a
                // padding leak shows up orders of magnitude larger.
                for (parameter, expected) in zip(classifier.parameters, aloneGradients) {
                    assertClose(parameter.gradient, expected, tolerance: 3e-5, "\(what) ∂\(parameter.name)")
                }
            }
        }
    }

    func testReverseDirectionStartsAtEachSequencesLastToken() {
        for cell in CellKind.allCases { checkReverseStart(cell) }
    }

    func checkReverseStart(_ cell: CellKind) {
        // The reverse direction's output at time 0 (its final state) of a sequence must
        // not change when the batch's padded length grows.
        var generator = SeededGenerator(seed: 2)
        let lstm = makeRecurrentDirection(cell, suffix: "_l0_reverse", inputSize: 2, hiddenSize: 3, isReverse: true,
                                          initialization: .pytorchDefault, generator: &generator)
        let x: [Float] = [0.5, -1, 0.25, 0.75]                 // one sequence of length 2
        var alone = [Float](repeating: 0, count: 6)
        alone.withUnsafeMutableBufferPointer { output in
            x.withUnsafeBufferPointer {
                lstm.forward(output: output.baseAddress!, outputStride: 3,
                             input: RecurrentInput(packed: $0.baseAddress!, stride: 2, tokenCount: 2),
                             layout: PackedLayout(lengths: [2]))
            }
        }
        // Batched after a length-4 sequence: packed rows t0: (long, short), t1: (long, short), t2, t3.
        let layout = PackedLayout(lengths: [4, 2])
        let other: [Float] = [1, 1, -1, 2, 0.5, 0.5, -2, 1]
        var input = [Float](repeating: 0, count: 12)
        for t in 0..<4 {
            input[(layout.offsets[t]) * 2] = other[t * 2]
            input[(layout.offsets[t]) * 2 + 1] = other[t * 2 + 1]
        }
        for t in 0..<2 {
            input[(layout.offsets[t] + 1) * 2] = x[t * 2]
            input[(layout.offsets[t] + 1) * 2 + 1] = x[t * 2 + 1]
        }
        var batched = [Float](repeating: 0, count: 18)
        batched.withUnsafeMutableBufferPointer { output in
            input.withUnsafeBufferPointer {
                lstm.forward(output: output.baseAddress!, outputStride: 3,
                             input: RecurrentInput(packed: $0.baseAddress!, stride: 2, tokenCount: 6), layout: layout)
            }
        }
        for t in 0..<2 {
            let row = layout.offsets[t] + 1
            assertClose(Array(batched[(row * 3)..<(row * 3 + 3)]), Array(alone[(t * 3)..<(t * 3 + 3)]),
                        tolerance: 1e-6, "\(cell) reverse h at t=\(t)")
        }
    }
}
