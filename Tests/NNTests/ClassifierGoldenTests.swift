import XCTest
@testable import Model
@testable import NN

/// The classifier against PyTorch (scripts/make_fixtures.py): outputs within 1e-5
/// relative, gradients within 1e-4. Every cell, bidirectional and forward-only: nn.LSTM,
/// nn.GRU and nn.RNN themselves; the peephole LSTM against scripts/torch_peephole.py under
/// autograd.
final class ClassifierGoldenTests: XCTestCase {
    static let fixtures = [
        "bilstm_1layer_last", "bilstm_1layer_max", "bilstm_1layer_mean", "bilstm_1layer_mean_weighted",
        "bilstm_2layer_last", "bilstm_2layer_max", "bilstm_2layer_mean",
        "lstm_1way_1layer_max", "lstm_1way_2layer_last",
    ] + ["peephole", "gru", "rnn"].flatMap { cell in
        ["1layer_last", "2layer_max", "1layer_mean", "1way_1layer_max", "1way_2layer_last"].map { "\(cell)_\($0)" }
    }

    func testParametersHavePyTorchStateDictNamesInOrder() throws {
        for name in Self.fixtures {
            let fixture = try ClassifierFixture.load(name)
            let classifier = fixture.makeClassifier()
            XCTAssertEqual(classifier.parameters.map(\.name), fixture.parameterNames, name)
            for parameter in classifier.parameters {
                XCTAssertEqual(parameter.value.count, fixture.parameters[parameter.name]?.count, parameter.name)
            }
        }
    }

    func testProbabilitiesMatchPyTorch() throws {
        for name in Self.fixtures {
            let fixture = try ClassifierFixture.load(name)
            let classifier = fixture.makeClassifier()
            assertClose(classifier.probabilities(fixture.batch), fixture.probabilities, tolerance: 1e-5,
                        "\(name) probabilities")
        }
    }

    func testLossAndEveryGradientMatchPyTorch() throws {
        for name in Self.fixtures {
            let fixture = try ClassifierFixture.load(name)
            let classifier = fixture.makeClassifier()
            var generator = SeededGenerator(seed: 1)
            let loss = classifier.trainStep(fixture.batch, labels: fixture.labels, classWeights: fixture.classWeights,
                                            generator: &generator)
            assertClose([loss], [fixture.loss], tolerance: 1e-5, "\(name) loss")
            let evalLoss = classifier.loss(fixture.batch, labels: fixture.labels, classWeights: fixture.classWeights)
            assertClose([evalLoss], [fixture.loss], tolerance: 1e-5, "\(name) eval loss")
            for parameter in classifier.parameters {
                assertClose(parameter.gradient, fixture.gradients[parameter.name] ?? [], tolerance: 1e-4,
                            "\(name) ∂\(parameter.name)")
            }
        }
    }

    func testGradientsAccumulateAndZero() throws {
        let fixture = try ClassifierFixture.load("bilstm_2layer_max")
        let classifier = fixture.makeClassifier()
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<2 {
            _ = classifier.trainStep(fixture.batch, labels: fixture.labels, classWeights: nil, generator: &generator)
        }
        for parameter in classifier.parameters {
            assertClose(parameter.gradient, fixture.gradients[parameter.name]!.map { 2 * $0 }, tolerance: 1e-4,
                        "2× ∂\(parameter.name)")
        }
        classifier.zeroGradients()
        for parameter in classifier.parameters {
            XCTAssertTrue(parameter.gradient.allSatisfy { $0 == 0 }, parameter.name)
        }
    }
}
