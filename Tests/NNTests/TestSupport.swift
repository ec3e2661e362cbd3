import Foundation
import XCTest
@testable import Model
@testable import NN

/// One golden fixture written by scripts/make_fixtures.py.
struct ClassifierFixture: Decodable {
    struct Config: Decodable {
        var vocabularySize: Int, embeddingDim: Int, hiddenSize: Int, layers: Int, classCount: Int
        var pooling: String
        /// Absent in the first fixtures (LSTM, bidirectional).
        var cell: String?
        var directions: Int?
    }
    var config: Config
    var tokens: [Int32]
    var lengths: [Int]
    var labels: [Int]
    var classWeights: [Float]?
    var parameterNames: [String]
    var parameters: [String: [Float]]
    var logits: [Float]
    var probabilities: [Float]
    var loss: Float
    var gradients: [String: [Float]]

    static func load(_ name: String) throws -> ClassifierFixture {
        try JSONDecoder().decode(ClassifierFixture.self, from: fixtureData(name))
    }

    var classifierConfig: ClassifierConfig {
        ClassifierConfig(vocabularySize: config.vocabularySize, embeddingDim: config.embeddingDim,
                         hiddenSize: config.hiddenSize, layers: config.layers, classCount: config.classCount,
                         dropout: 0, pooling: Pooling(rawValue: config.pooling)!,
                         cell: CellKind(rawValue: config.cell ?? "lstm")!, directions: config.directions ?? 2)
    }

    /// The padded batch as the fixture's sequences.
    var batch: PaddedBatch {
        let t = tokens.count / lengths.count
        return PaddedBatch(sequences: lengths.enumerated().map { b, n in Array(tokens[(b * t)..<(b * t + n)]) })
    }

    /// A classifier holding the fixture's weights.
    func makeClassifier() -> Classifier {
        let classifier = Classifier(config: classifierConfig, seed: 99)
        for (name, values) in parameters {
            classifier.parameter(named: name)!.value = values
        }
        return classifier
    }
}

func fixtureData(_ name: String) throws -> Data {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"),
                            "fixture \(name).json missing")
    return try Data(contentsOf: url)
}

/// Asserts `|actual − expected| ≤ tolerance · max(|expected|, floor)` element-wise, where
/// `floor = 1e-2 · max|expected|` keeps elements a hundred times smaller than the
/// tensor's largest from demanding a relative accuracy float32 sums cannot give.
/// Prints the first mismatches (llm.c's check_tensor).
func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("\(what): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    let scale = expected.map(abs).max() ?? 0
    let floor = max(1e-2 * scale, 1e-12)
    var mismatches: [String] = []
    var worst: Float = 0
    for index in actual.indices {
        let error = abs(actual[index] - expected[index]) / max(abs(expected[index]), floor)
        worst = max(worst, error.isNaN ? .infinity : error)
        if !(error <= tolerance) && mismatches.count < 5 {
            mismatches.append("[\(index)] \(actual[index]) vs \(expected[index])")
        }
    }
    if !mismatches.isEmpty {
        XCTFail("\(what): relative error \(worst) > \(tolerance); first mismatches: "
                + mismatches.joined(separator: ", "), file: file, line: line)
    }
}

/// Random values in [−1, 1) from a fixed seed.
func randomValues(_ count: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in generator.nextUnitFloat() * 2 - 1 }
}

/// Finite differences of `loss` with respect to every element of `values` (perturbed in
/// place and restored), by the fourth-order central stencil
/// f′ ≈ [8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))] / 12h, which allows a step large
/// enough for float32 rounding of the loss not to drown the difference.
func numericalGradient(of values: inout [Float], step: Float = 5e-2, loss: (_ values: [Float]) -> Double) -> [Float] {
    var gradient = [Float](repeating: 0, count: values.count)
    for index in values.indices {
        let original = values[index]
        func at(_ offset: Float) -> Double {
            values[index] = original + offset
            return loss(values)
        }
        let near = at(step) - at(-step), far = at(2 * step) - at(-2 * step)
        values[index] = original
        gradient[index] = Float((8 * near - far) / (12 * Double(step)))
    }
    return gradient
}

/// The same for a parameter's value (`loss` reads the parameter itself).
func numericalGradient(of parameter: Parameter, step: Float = 5e-2, loss: () -> Double) -> [Float] {
    var gradient = [Float](repeating: 0, count: parameter.count)
    for index in 0..<parameter.count {
        let original = parameter.value[index]
        func at(_ offset: Float) -> Double {
            parameter.value[index] = original + offset
            return loss()
        }
        let near = at(step) - at(-step), far = at(2 * step) - at(-2 * step)
        parameter.value[index] = original
        gradient[index] = Float((8 * near - far) / (12 * Double(step)))
    }
    return gradient
}

/// Gradient-check criterion: ‖a − n‖ ≤ tolerance·‖n‖ overall, and every element within
/// 2·tolerance·max|n| (float32 losses leave an absolute noise floor on each difference).
func assertGradientClose(_ analytic: [Float], _ numeric: [Float], tolerance: Float = 1e-2, _ what: String,
                         file: StaticString = #filePath, line: UInt = #line) {
    guard analytic.count == numeric.count else {
        XCTFail("\(what): \(analytic.count) values, expected \(numeric.count)", file: file, line: line)
        return
    }
    let difference = zip(analytic, numeric).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +).squareRoot()
    let norm = numeric.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
    let scale = numeric.map(abs).max() ?? 0
    var mismatches: [String] = []
    for index in analytic.indices where !(abs(analytic[index] - numeric[index]) <= 2 * tolerance * scale) {
        if mismatches.count < 5 { mismatches.append("[\(index)] \(analytic[index]) vs \(numeric[index])") }
    }
    if !(difference <= Double(tolerance) * max(norm, 1e-12)) || !mismatches.isEmpty {
        XCTFail("\(what): ‖analytic − numeric‖ = \(difference), ‖numeric‖ = \(norm); first mismatches: "
                + mismatches.joined(separator: ", "), file: file, line: line)
    }
}

/// Σ x·r in Double: the scalar loss a layer's gradient check differentiates, so that
/// ∂loss/∂x = r.
func projection(_ x: UnsafePointer<Float>, _ r: [Float]) -> Double {
    var total: Double = 0
    for index in r.indices { total += Double(x[index]) * Double(r[index]) }
    return total
}
