import XCTest
@testable import Model
@testable import NN

/// Finite-difference checks of every layer's backward on tiny shapes. Each layer's loss
/// is `Σ output ⊙ r` for a fixed random `r`, so its output gradient is `r`.
/// Criterion: `assertGradientClose` (1% in norm, 2% of the largest element each).
final class GradientCheckTests: XCTestCase {
    func testLinear() {
        var generator = SeededGenerator(seed: 1)
        let linear = Linear(inputSize: 4, outputSize: 3, generator: &generator)
        var input = randomValues(2 * 4, seed: 2)
        let r = randomValues(2 * 3, seed: 3)
        func loss(_ x: [Float]) -> Double {
            var output = [Float](repeating: 0, count: 6)
            output.withUnsafeMutableBufferPointer { linear.forward(output: $0.baseAddress!, input: x, rows: 2) }
            return projection(output, r)
        }
        var inputGradient = [Float](repeating: 0, count: 8)
        inputGradient.withUnsafeMutableBufferPointer {
            linear.backward(inputGradient: $0.baseAddress!, outputGradient: r, input: input, rows: 2)
        }
        assertGradientClose(inputGradient, numericalGradient(of: &input, loss: loss), "∂x")
        for parameter in linear.parameters {
            let analytic = parameter.gradient
            let numeric = numericalGradient(of: parameter) { loss(input) }
            assertGradientClose(analytic, numeric, parameter.name)
        }
    }

    func testEmbeddingSkipsPaddingRowAndSumsRepeatedTokens() {
        var generator = SeededGenerator(seed: 1)
        let embedding = Embedding(vocabularySize: 5, dimension: 3, generator: &generator)
        XCTAssertEqual(Array(embedding.weight.value[0..<3]), [0, 0, 0], "padding row starts at zero")
        let tokens: [Int32] = [2, 0, 2, 4]
        let r = randomValues(4 * 3, seed: 3)
        func loss() -> Double {
            var output = [Float](repeating: 0, count: 12)
            output.withUnsafeMutableBufferPointer { embedding.forward(output: $0.baseAddress!, tokens: tokens, count: 4) }
            return projection(output, r)
        }
        embedding.backward(outputGradient: r, tokens: tokens, count: 4)
        let numeric = numericalGradient(of: embedding.weight) { loss() }
        XCTAssertEqual(Array(embedding.weight.gradient[0..<3]), [0, 0, 0], "padding row gets no gradient")
        assertGradientClose(Array(embedding.weight.gradient[3...]), Array(numeric[3...]), "rows 1…4")
        XCTAssertEqual(embedding.weight.gradient[6], r[0] + r[6], accuracy: 1e-7, "token 2 appears twice")
        embedding.weight.zeroGradient()
        XCTAssertTrue(embedding.weight.gradient.allSatisfy { $0 == 0 })
    }

    func checkDirection(_ kind: CellKind, isReverse: Bool) {
        var generator = SeededGenerator(seed: 5)
        let lstm = makeRecurrentDirection(kind, suffix: "_l0", inputSize: 3, hiddenSize: 5, isReverse: isReverse,
                                          initialization: .pytorchDefault, generator: &generator)
        let layout = PackedLayout(lengths: [2, 4, 3])
        let n = layout.tokenCount, h = 5
        var input = randomValues(n * 3, seed: 6)
        let r = randomValues(n * h, seed: 7)
        var output = [Float](repeating: 0, count: n * h)
        func loss(_ x: [Float]) -> Double {
            output.withUnsafeMutableBufferPointer { o in
                x.withUnsafeBufferPointer {
                    lstm.forward(output: o.baseAddress!, outputStride: h,
                                 input: RecurrentInput(packed: $0.baseAddress!, stride: 3, tokenCount: n), layout: layout)
                }
            }
            return projection(output, r)
        }
        _ = loss(input)
        var inputGradient = [Float](repeating: 0, count: n * 3)
        inputGradient.withUnsafeMutableBufferPointer { dx in
            input.withUnsafeBufferPointer {
                lstm.backward(inputGradient: dx.baseAddress!, outputGradient: r, outputGradientStride: h,
                              output: output, outputStride: h,
                              input: RecurrentInput(packed: $0.baseAddress!, stride: 3, tokenCount: n), layout: layout)
            }
        }
        let direction = "\(kind) " + (isReverse ? "reverse" : "forward")
        assertGradientClose(inputGradient, numericalGradient(of: &input, loss: loss), "\(direction) ∂x")
        for parameter in lstm.parameters {
            let analytic = parameter.gradient
            let numeric = numericalGradient(of: parameter) { loss(input) }
            assertGradientClose(analytic, numeric, "\(direction) \(parameter.name)")
        }
    }

    func testLSTMForwardDirection() { checkDirection(.lstm, isReverse: false) }
    func testLSTMReverseDirection() { checkDirection(.lstm, isReverse: true) }
    func testPeepholeLSTMForwardDirection() { checkDirection(.peephole, isReverse: false) }
    func testPeepholeLSTMReverseDirection() { checkDirection(.peephole, isReverse: true) }
    func testGRUForwardDirection() { checkDirection(.gru, isReverse: false) }
    func testGRUReverseDirection() { checkDirection(.gru, isReverse: true) }
    func testSimpleRNNForwardDirection() { checkDirection(.rnn, isReverse: false) }
    func testSimpleRNNReverseDirection() { checkDirection(.rnn, isReverse: true) }

    func testTwoLayerEncoderWithDropoutBetweenLayersForEveryCellAndDirectionCount() {
        for kind in CellKind.allCases {
            for directions in [1, 2] {
                checkEncoder(kind, directions: directions, rowOfToken: nil)
            }
        }
    }

    /// The first layer reading shared rows (`RecurrentInput`'s distinct-token form): the
    /// gradient of each row is the sum over the tokens that read it.
    func testTwoLayerEncoderReadingSharedRowsForEveryCellAndDirectionCount() {
        // 8 packed tokens reading 3 rows; row 1 by four tokens, across steps and sequences.
        let rowOfToken: [Int32] = [1, 0, 2, 1, 1, 0, 2, 1]
        for kind in CellKind.allCases {
            for directions in [1, 2] {
                checkEncoder(kind, directions: directions, rowOfToken: rowOfToken)
            }
        }
    }

    /// - Parameter rowOfToken: nil: every token reads its own row; else the row each reads.
    func checkEncoder(_ kind: CellKind, directions: Int, rowOfToken: [Int32]?) {
        var generator = SeededGenerator(seed: 8)
        let encoder = RecurrentEncoder(kind: kind, inputSize: 3, hiddenSize: 4, layerCount: 2, directionCount: directions,
                                       dropout: 0.3, generator: &generator)
        let layout = PackedLayout(lengths: [3, 1, 4])
        let n = layout.tokenCount
        let rows = rowOfToken.map { Int($0.max()!) + 1 } ?? n
        if let rowOfToken { precondition(rowOfToken.count == n) }
        let shared = rowOfToken ?? []
        var input = randomValues(rows * 3, seed: 9)
        let r = randomValues(n * 4 * directions, seed: 10)
        func withInput<Result>(_ x: [Float], _ body: (RecurrentInput) -> Result) -> Result {
            x.withUnsafeBufferPointer { xs in
                shared.withUnsafeBufferPointer { rowOf in
                    body(rowOfToken == nil
                         ? RecurrentInput(packed: xs.baseAddress!, stride: 3, tokenCount: n)
                         : RecurrentInput(rows: xs.baseAddress!, stride: 3, rowCount: rows, rowOfToken: rowOf.baseAddress!))
                }
            }
        }
        func loss(_ x: [Float]) -> Double {
            var masks = SeededGenerator(seed: 11)   // the same dropout masks every time
            withInput(x) { encoder.forward(input: $0, layout: layout, pass: .training, generator: &masks) }
            return projection(encoder.output, r)
        }
        _ = loss(input)
        var inputGradient = [Float](repeating: 0, count: rows * 3)
        inputGradient.withUnsafeMutableBufferPointer { dx in
            withInput(input) { encoder.backward(inputGradient: dx.baseAddress!, outputGradient: r, input: $0, layout: layout) }
        }
        let form = rowOfToken == nil ? "own rows" : "shared rows"
        assertGradientClose(inputGradient, numericalGradient(of: &input, loss: loss),
                            "\(kind) D=\(directions) \(form) ∂x")
        for parameter in encoder.parameters {
            let analytic = parameter.gradient
            let numeric = numericalGradient(of: parameter) { loss(input) }
            assertGradientClose(analytic, numeric, "\(kind) D=\(directions) \(form) \(parameter.name)")
        }
    }

    func testEveryPooling() {
        let layout = PackedLayout(lengths: [2, 5, 1, 3])
        let h = 3, w = 6, n = layout.tokenCount, b = layout.batchSize
        let r = randomValues(b * w, seed: 12)
        for pooling in Pooling.allCases {
            var output = randomValues(n * w, seed: 13)
            var argmax = [Int32](repeating: 0, count: b * w)
            func loss(_ x: [Float]) -> Double {
                var pooled = [Float](repeating: 0, count: b * w)
                pooled.withUnsafeMutableBufferPointer { p in
                    switch pooling {
                    case .last: SequencePooling.lastForward(pooled: p.baseAddress!, output: x, layout: layout, hiddenSize: h, directions: 2)
                    case .max:
                        argmax.withUnsafeMutableBufferPointer {
                            SequencePooling.maxForward(pooled: p.baseAddress!, argmax: $0.baseAddress!, output: x,
                                                       layout: layout, width: w)
                        }
                    case .mean: SequencePooling.meanForward(pooled: p.baseAddress!, output: x, layout: layout, width: w)
                    }
                }
                return projection(pooled, r)
            }
            _ = loss(output)
            var gradient = [Float](repeating: 0, count: n * w)
            gradient.withUnsafeMutableBufferPointer { d in
                switch pooling {
                case .last: SequencePooling.lastBackward(outputGradient: d.baseAddress!, pooledGradient: r, layout: layout, hiddenSize: h, directions: 2)
                case .max: SequencePooling.maxBackward(outputGradient: d.baseAddress!, pooledGradient: r, argmax: argmax,
                                                       batchSize: b, width: w)
                case .mean: SequencePooling.meanBackward(outputGradient: d.baseAddress!, pooledGradient: r, layout: layout,
                                                         width: w)
                }
            }
            assertGradientClose(gradient, numericalGradient(of: &output, step: 1e-3, loss: loss),
                                "\(pooling) pooling")
        }
    }

    func testDropoutKeepsAndScalesAndPassesGradientThroughMask() {
        var generator = SeededGenerator(seed: 14)
        let count = 10_000, p: Float = 0.25
        let input = [Float](repeating: 2, count: count)
        var output = [Float](repeating: 0, count: count), mask = [Float](repeating: 0, count: count)
        output.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeMutableBufferPointer { m in
                Dropout.forward(output: o.baseAddress!, mask: m.baseAddress!, input: input, count: count,
                                probability: p, generator: &generator)
            }
        }
        XCTAssertTrue(mask.allSatisfy { $0 == 0 || $0 == 1 / (1 - p) })
        let dropped = mask.filter { $0 == 0 }.count
        XCTAssertEqual(Double(dropped) / Double(count), 0.25, accuracy: 0.02)
        XCTAssertEqual(output, mask.map { 2 * $0 })
        var gradient = [Float](repeating: 0, count: count)
        gradient.withUnsafeMutableBufferPointer {
            Dropout.backward(inputGradient: $0.baseAddress!, outputGradient: input, mask: mask, count: count)
        }
        XCTAssertEqual(gradient, output)
    }

    func testWeightedSoftmaxCrossEntropy() {
        var logits = randomValues(4 * 3, seed: 15).map { $0 * 3 }
        let labels = [2, 0, 1, 2], order = [3, 1, 0, 2], weights: [Float] = [0.5, 2, 1.5]
        func loss(_ z: [Float]) -> Double {
            Double(SoftmaxCrossEntropy.loss(logits: z, labels: labels, rowOrder: order, classWeights: weights,
                                            rows: 4, classes: 3))
        }
        var probabilities = [Float](repeating: 0, count: 12), gradient = [Float](repeating: 0, count: 12)
        probabilities.withUnsafeMutableBufferPointer {
            SoftmaxCrossEntropy.softmax(probabilities: $0.baseAddress!, logits: logits, rows: 4, classes: 3)
        }
        gradient.withUnsafeMutableBufferPointer {
            SoftmaxCrossEntropy.backward(logitsGradient: $0.baseAddress!, probabilities: probabilities, labels: labels,
                                         rowOrder: order, classWeights: weights, rows: 4, classes: 3)
        }
        assertGradientClose(gradient, numericalGradient(of: &logits, loss: loss), "∂logits")
    }

    func testClassifierWithDropoutEndToEnd() {
        let config = ClassifierConfig(vocabularySize: 9, embeddingDim: 3, hiddenSize: 4, layers: 2, classCount: 3,
                                      dropout: 0.3, pooling: .mean)
        let classifier = Classifier(config: config, seed: 3)
        let batch = PaddedBatch(sequences: [[3, 1, 4], [1, 5], [8, 2, 6, 5, 3]])
        let labels = [1, 0, 2]
        func loss() -> Double {
            var masks = SeededGenerator(seed: 4)
            let value = classifier.trainStep(batch, labels: labels, classWeights: nil, generator: &masks)
            classifier.zeroGradients()
            return Double(value)
        }
        var masks = SeededGenerator(seed: 4)
        _ = classifier.trainStep(batch, labels: labels, classWeights: nil, generator: &masks)
        let analytic = classifier.parameters.map(\.gradient)
        classifier.zeroGradients()
        for (parameter, expected) in zip(classifier.parameters, analytic) {
            let numeric = numericalGradient(of: parameter) { loss() }
            assertGradientClose(expected, numeric, parameter.name)
        }
    }
}
