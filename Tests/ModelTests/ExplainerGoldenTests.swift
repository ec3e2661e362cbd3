import Foundation
import Text
import Vocabulary
import XCTest
@testable import Model
@testable import NN

/// The Explainer against PyTorch: integrated gradients by torch autograd over the same
/// 32 Gauss–Legendre nodes, and the gates recomputed step by step from the cell equations
/// in float64 (scripts/make_fixtures.py, `explain_fixture`). Each fixture's weights go
/// into a real `SentimentModel` whose vocabulary spells the fixture's sentence, and
/// `Explainer.explain` runs on the text as `sentiment explain` would.
final class ExplainerGoldenTests: XCTestCase {
    static let tolerance: Float = 1e-4

    func testLSTMTwoLayersBidirectionalMaxPooling() throws {
        try check("explain_lstm_2layer_max")
    }

    func testGRUOneLayerBidirectionalLastPooling() throws {
        try check("explain_gru_1layer_last")
    }

    func testPeepholeOneLayerForwardOnlyMeanPooling() throws {
        try check("explain_peephole_1way_mean")
    }

    func testGaussLegendreNodesAreNumpys() throws {
        let fixture = try ExplainFixture.load("explain_gru_1layer_last")
        let (nodes, weights) = GaussLegendre.unitInterval(nodes: fixture.nodes.count)
        for (what, actual, expected) in [("nodes", nodes, fixture.nodes), ("weights", weights, fixture.weights)] {
            let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(worst, 1e-14, "Gauss–Legendre \(what) against numpy's leggauss")
            print("Gauss–Legendre \(what), m = \(expected.count): max |Δ| = \(worst)")
        }
    }

    private func check(_ name: String) throws {
        let fixture = try ExplainFixture.load(name)
        let model = fixture.makeModel()
        XCTAssertEqual(model.encode(fixture.text), fixture.tokens, "\(name): the text must spell the fixture's ids")
        // 32 nodes and no refinement: the fixture integrates with exactly these nodes.
        let explainer = Explainer(model: model, steps: fixture.nodes.count, maxSteps: fixture.nodes.count)
        let explanation = explainer.explain(fixture.text, units: true)
        XCTAssertEqual(explanation.steps, fixture.nodes.count, name)
        XCTAssertEqual(explanation.predictedClass, fixture.predictedClass, name)
        XCTAssertEqual(explanation.explainedClass, fixture.explainedClass, name)
        XCTAssertEqual(explanation.cell.rawValue, fixture.config.cell, name)

        var report = Report(name: name)
        report.compare(explanation.probabilities, fixture.probabilities, "probabilities")
        report.compare([explanation.logit, explanation.baselineLogit], [fixture.logit, fixture.baselineLogit],
                       "logit, baseline logit")
        report.compare(explanation.attributions, fixture.attributions, "attributions")
        let completenessGap = abs(explanation.completenessError - fixture.completenessError)
        XCTAssertLessThan(completenessGap, Double(Self.tolerance),
                          "\(name): completeness error \(explanation.completenessError) vs \(fixture.completenessError)")
        report.lines.append("completeness error \(explanation.completenessError) vs \(fixture.completenessError)")

        XCTAssertEqual(explanation.gates.count, fixture.gates.count, "\(name): one series per layer and direction")
        for (series, expected) in zip(explanation.gates, fixture.gates) {
            let tag = "layer \(expected.layer) \(expected.direction)"
            XCTAssertEqual(series.layer, expected.layer, name)
            XCTAssertEqual(series.direction, expected.direction, name)
            report.compare(series.input, expected.input, "\(tag) input gate means")
            report.compare(series.forget, expected.forget, "\(tag) forget gate means")
            report.compare(series.output, expected.output, "\(tag) output gate means")
            report.compare(series.reset, expected.reset, "\(tag) reset gate means")
            report.compare(series.update, expected.update, "\(tag) update gate means")
            report.compare(series.cellNorm, expected.cellNorm, "\(tag) ‖c_t‖")
            report.compare(series.hiddenNorm, expected.hiddenNorm, "\(tag) ‖h_t‖")
            guard let units = series.units else {
                XCTFail("\(name): \(tag) has no per-unit arrays")
                continue
            }
            let want = expected.units
            report.compare(units.input?.flatMap { $0 }, want.input?.flatMap { $0 }, "\(tag) input gates")
            report.compare(units.forget?.flatMap { $0 }, want.forget?.flatMap { $0 }, "\(tag) forget gates")
            report.compare(units.output?.flatMap { $0 }, want.output?.flatMap { $0 }, "\(tag) output gates")
            report.compare(units.reset?.flatMap { $0 }, want.reset?.flatMap { $0 }, "\(tag) reset gates")
            report.compare(units.update?.flatMap { $0 }, want.update?.flatMap { $0 }, "\(tag) update gates")
            report.compare(units.cell?.flatMap { $0 }, want.cell?.flatMap { $0 }, "\(tag) c_t")
            report.compare(units.hidden.flatMap { $0 }, want.hidden?.flatMap { $0 }, "\(tag) h_t")
        }
        print(report.lines.map { "\(name): \($0)" }.joined(separator: "\n"))
    }
}

/// Element-wise comparisons within `ExplainerGoldenTests.tolerance`, relative with a
/// floor of 1e-2 · max|expected| (as `assertClose` in the NN tests), collecting the worst
/// errors for the log and failing with the first mismatches.
private struct Report {
    let name: String
    var lines: [String] = []

    mutating func compare(_ actual: [Float]?, _ expected: [Float]?, _ what: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        guard let actual, let expected else {
            XCTAssertEqual(actual == nil, expected == nil,
                           "\(name): \(what) present in \(actual == nil ? "the fixture only" : "Swift only")",
                           file: file, line: line)
            return
        }
        guard actual.count == expected.count else {
            XCTFail("\(name): \(what): \(actual.count) values, expected \(expected.count)", file: file, line: line)
            return
        }
        let tolerance = ExplainerGoldenTests.tolerance
        let floor = max(1e-2 * (expected.map(abs).max() ?? 0), 1e-12)
        var worstRelative: Float = 0, worstAbsolute: Float = 0
        var mismatches: [String] = []
        for index in actual.indices {
            let difference = abs(actual[index] - expected[index])
            let error = difference / max(abs(expected[index]), floor)
            worstRelative = max(worstRelative, error.isNaN ? .infinity : error)
            worstAbsolute = max(worstAbsolute, difference.isNaN ? .infinity : difference)
            if !(error <= tolerance) && mismatches.count < 5 {
                mismatches.append("[\(index)] \(actual[index]) vs \(expected[index])")
            }
        }
        if !mismatches.isEmpty {
            XCTFail("\(name): \(what): relative error \(worstRelative) > \(tolerance); first mismatches: "
                    + mismatches.joined(separator: ", "), file: file, line: line)
        }
        lines.append("\(what): max relative \(worstRelative), max |Δ| \(worstAbsolute) (\(actual.count) values)")
    }
}

/// One explain fixture written by scripts/make_fixtures.py.
private struct ExplainFixture: Decodable {
    struct Config: Decodable {
        var vocabularySize: Int, embeddingDim: Int, hiddenSize: Int, layers: Int, classCount: Int
        var pooling: String, cell: String, directions: Int
    }
    struct Units: Decodable {
        var input: [[Float]]?, forget: [[Float]]?, output: [[Float]]?
        var reset: [[Float]]?, update: [[Float]]?, cell: [[Float]]?, hidden: [[Float]]?
    }
    struct Series: Decodable {
        var layer: Int
        var direction: String
        var input: [Float]?, forget: [Float]?, output: [Float]?, reset: [Float]?, update: [Float]?
        var cellNorm: [Float]?
        var hiddenNorm: [Float]
        var units: Units
    }
    var config: Config
    var words: [String]
    var text: String
    var tokens: [Int32]
    var parameters: [String: [Float]]
    var logits: [Float]
    var probabilities: [Float]
    var predictedClass: Int
    var explainedClass: Int
    var nodes: [Double]
    var weights: [Double]
    var attributions: [Float]
    var logit: Float
    var baselineLogit: Float
    var completenessError: Double
    var gates: [Series]

    static func load(_ name: String) throws -> ExplainFixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"),
                                "fixture \(name).json missing")
        return try JSONDecoder().decode(ExplainFixture.self, from: Data(contentsOf: url))
    }

    /// A model as `sentiment explain` loads one: the fixture's float32 weights, its words
    /// as the vocabulary, the default tokenizer, no calibration.
    func makeModel() -> SentimentModel {
        let classifierConfig = ClassifierConfig(
            vocabularySize: config.vocabularySize, embeddingDim: config.embeddingDim, hiddenSize: config.hiddenSize,
            layers: config.layers, classCount: config.classCount, dropout: 0,
            pooling: Pooling(rawValue: config.pooling)!, cell: CellKind(rawValue: config.cell)!,
            directions: config.directions)
        let classifier = Classifier(config: classifierConfig, seed: 99)
        precondition(classifier.parameters.count == parameters.count, "the fixture's tensors are the model's")
        for parameter in classifier.parameters {
            guard let values = parameters[parameter.name] else {
                preconditionFailure("fixture has no \(parameter.name)")
            }
            parameter.value = values
        }
        let configuration = ModelConfiguration(classifier: classifierConfig, maxLength: 64,
                                               tokenizer: TokenizerOptions(), storage: .float32, training: nil)
        let vocabulary = Vocabulary(tokens: words, counts: [Int](repeating: 1, count: words.count))
        let labels = (0..<config.classCount).map { "class\($0)" }
        let file = SentimentModelFile(classifier: classifier, configuration: configuration, labels: labels,
                                      vocabulary: vocabulary)
        return SentimentModel(file: file, fingerprint: "explain-golden", source: "<fixture>", fileSize: 0)
    }
}
