import XCTest
@testable import Model
@testable import NN
import Tensor

/// Passes that split their work over both cores must give what one core gives, bit for
/// bit: the normal draws of an embedding's initialization, gradient clipping, zeroing,
/// the embedding's gradient scatter, and the `.last` pooling gradient buffer that is
/// cleared where it was written instead of everywhere.
final class TwoCoreEquivalenceTests: XCTestCase {
    func testFillingWithNormalsGivesTheDrawsOneByOne() {
        // Past one block of 2^15 and split across cores; then a short tail.
        for count in [100_003, 5, 0] {
            var filled = SeededGenerator(seed: 11), oneByOne = SeededGenerator(seed: 11)
            var values = [Float](repeating: .nan, count: count)
            values.withUnsafeMutableBufferPointer { filled.fillWithNormals($0) }
            for index in 0..<count where values[index].bitPattern != oneByOne.nextNormal().bitPattern {
                return XCTFail("count \(count): value \(index) differs")
            }
            XCTAssertEqual(filled.next(), oneByOne.next(), "count \(count): the generators end apart")
        }
    }

    /// A dense parameter and a tracked table with scattered touched rows, large enough
    /// for both cores.
    private func gradients(seed: UInt64) -> [Parameter] {
        var generator = SeededGenerator(seed: seed)
        let dense = Parameter(name: "dense", shape: [96, 257])
        dense.gradient = (0..<dense.count).map { _ in generator.nextNormal() * 3 }
        let table = Parameter(name: "table", shape: [500, 64])
        table.trackTouchedRows(rowWidth: 64)
        let gradient = table.gradientPointer
        for row in stride(from: 3, to: 500, by: 7) {
            table.touchedRows!.insert(row)
            for d in 0..<64 { gradient[row * 64 + d] = generator.nextNormal() }
        }
        return [dense, table]
    }

    func testClippingOnBothCoresGivesTheSerialNormAndScaling() {
        let parameters = gradients(seed: 5)
        var sum: Double = 0
        for parameter in parameters {
            parameter.forEachGradientSpan { sum += sumOfSquares($0, count: $1) }
        }
        let expectedNorm = Float(sum.squareRoot())
        let factor = 1 / (expectedNorm + 1e-6)
        let expected = parameters.map { $0.gradient.map { $0 * factor } }
        let norm = clipGradientNorm(parameters, maxNorm: 1)
        XCTAssertEqual(norm.bitPattern, expectedNorm.bitPattern)
        XCTAssertGreaterThan(norm, 1, "the norm must be above maxNorm for the scaling to run")
        for (parameter, want) in zip(parameters, expected) {
            XCTAssertEqual(parameter.gradient, want, parameter.name)
        }
    }

    func testZeroingOnBothCoresClearsEverySpanAndForgetsTheRows() {
        let parameters = gradients(seed: 6)
        zeroGradients(parameters)
        for parameter in parameters {
            XCTAssertTrue(parameter.gradient.allSatisfy { $0 == 0 }, parameter.name)
        }
        XCTAssertEqual(parameters[1].touchedRows!.rows.count, 0)
    }

    func testTheEmbeddingScatterGivesTheSerialSums() {
        var generator = SeededGenerator(seed: 9)
        let embedding = Embedding(vocabularySize: 300, dimension: 32, generator: &generator)
        // Repeated ids (a row summed several times), both parities, and padding.
        let tokens: [Int32] = (0..<1_200).map { Int32(($0 * 37) % 300) }
        let upstream = (0..<(tokens.count * 32)).map { _ in generator.nextNormal() }
        var expected = [Float](repeating: 0, count: 300 * 32)
        for (n, id) in tokens.enumerated() where id != 0 {
            for d in 0..<32 { expected[Int(id) * 32 + d] += upstream[n * 32 + d] }
        }
        embedding.backward(outputGradient: upstream, tokens: tokens, count: tokens.count)
        XCTAssertEqual(embedding.weight.gradient, expected)
        XCTAssertEqual(Set(embedding.weight.touchedRows!.rows.map(Int.init)), Set(tokens.filter { $0 != 0 }.map(Int.init)))
    }

    /// The encoder's output gradient buffer is cleared only where the previous batch's
    /// pooling wrote; a batch after a longer one must get the gradients a fresh classifier
    /// gets, with every pooling.
    func testPoolingGradientsDoNotDependOnTheBatchBefore() {
        let long = PaddedBatch(sequences: (0..<6).map { (b: Int) -> [Int32] in
            (0..<(9 + b)).map { (t: Int) -> Int32 in Int32(1 + (t * 7 + b) % 39) }
        })
        let short = PaddedBatch(sequences: [[3, 4, 5], [6], [7, 8]])
        for pooling: Pooling in [.last, .max, .mean] {
            let config = ClassifierConfig(vocabularySize: 40, embeddingDim: 8, hiddenSize: 12, layers: 1, classCount: 3,
                                          dropout: 0, pooling: pooling)
            var generator = SeededGenerator(seed: 1)
            let used = Classifier(config: config, seed: 4)
            _ = used.trainStep(long, labels: [0, 1, 2, 0, 1, 2], classWeights: nil, generator: &generator)
            used.zeroGradients()
            _ = used.trainStep(short, labels: [2, 0, 1], classWeights: nil, generator: &generator)
            let fresh = Classifier(config: config, seed: 4)
            _ = fresh.trainStep(short, labels: [2, 0, 1], classWeights: nil, generator: &generator)
            for (a, b) in zip(used.parameters, fresh.parameters) {
                XCTAssertEqual(a.gradient, b.gradient, "\(pooling): \(a.name)")
            }
        }
    }
}
