import Foundation
import XCTest
@testable import NN

/// Adam, AdamW, SGD and gradient clipping against torch.optim (float32).
final class OptimizerGoldenTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            struct Options: Decodable {
                var lr: Float
                var weight_decay: Float?
                var betas: [Float]?
                var eps: Float?
                var momentum: Float?
                var nesterov: Bool?
            }
            var options: Options
            var steps: [[Float]]
        }
        struct Clip: Decodable {
            var maxNorm: Float
            var gradients: [[Float]]
            var norm: Float
            var clipped: [[Float]]
        }
        var start: [Float]
        var gradients: [[Float]]
        struct SparseAdam: Decodable {
            var rowWidth: Int
            var lr: Float
            var start: [Float]
            /// Per step: the dense table gradient, and the rows the batch touched.
            var gradients: [[Float]]
            var rows: [[Int]]
            var steps: [[Float]]
        }
        var cases: [String: Case]
        var clip: Clip
        var sparseAdam: SparseAdam
    }

    func fixture() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: fixtureData("optimizers"))
    }

    func run(_ name: String, makeStep: (Parameter, Fixture.Case.Options) -> () -> Void) throws {
        let fixture = try fixture()
        let testCase = try XCTUnwrap(fixture.cases[name])
        let parameter = Parameter(name: "p", shape: [fixture.start.count])
        parameter.value = fixture.start
        let step = makeStep(parameter, testCase.options)
        for (index, gradient) in fixture.gradients.enumerated() {
            parameter.gradient = gradient
            step()
            assertClose(parameter.value, testCase.steps[index], tolerance: 1e-5, "\(name) step \(index + 1)")
        }
    }

    func adam(decoupled: Bool) -> (Parameter, Fixture.Case.Options) -> () -> Void {
        { parameter, options in
            let adam = Adam(parameters: [parameter], learningRate: options.lr, beta1: options.betas?[0] ?? 0.9,
                            beta2: options.betas?[1] ?? 0.999, epsilon: options.eps ?? 1e-8,
                            weightDecay: options.weight_decay ?? 0, decoupledWeightDecay: decoupled)
            return adam.step
        }
    }

    func sgd(_ parameter: Parameter, _ options: Fixture.Case.Options) -> () -> Void {
        SGD(parameters: [parameter], learningRate: options.lr, momentum: options.momentum ?? 0,
            weightDecay: options.weight_decay ?? 0, nesterov: options.nesterov ?? false).step
    }

    func testAdamMatchesPyTorch() throws { try run("adam", makeStep: adam(decoupled: false)) }
    func testAdamWithL2MatchesPyTorch() throws { try run("adam_l2", makeStep: adam(decoupled: false)) }
    func testAdamWMatchesPyTorch() throws { try run("adamw", makeStep: adam(decoupled: true)) }
    func testAdamWithOtherBetasMatchesPyTorch() throws { try run("adam_betas", makeStep: adam(decoupled: false)) }
    func testSGDWithMomentumMatchesPyTorch() throws { try run("sgd_momentum", makeStep: sgd) }
    func testSGDNesterovMatchesPyTorch() throws { try run("sgd_nesterov", makeStep: sgd) }

    /// `sparseTables` on a table that tracks its touched rows is `torch.optim.SparseAdam`:
    /// a row the batch left out keeps its value (no step on old momentum), a row touched
    /// again continues from its own moments, and t counts every step.
    func testSparseAdamOnATrackedTableMatchesPyTorch() throws {
        let fixture = try fixture().sparseAdam
        let table = Parameter(name: "embedding.weight", shape: [fixture.start.count / fixture.rowWidth, fixture.rowWidth])
        table.value = fixture.start
        table.trackTouchedRows(rowWidth: fixture.rowWidth)
        let adam = Adam(parameters: [table], learningRate: fixture.lr, sparseTables: true)
        for (index, (gradient, rows)) in zip(fixture.gradients, fixture.rows).enumerated() {
            table.zeroGradient()
            table.gradient = gradient
            rows.forEach(table.touchedRows!.insert)
            adam.step()
            assertClose(table.value, fixture.steps[index], tolerance: 1e-5, "sparse Adam step \(index + 1)")
        }
        // The same steps by dense Adam move the rows each batch left out: the fixture
        // must tell the two rules apart.
        let dense = Parameter(name: "dense", shape: [fixture.start.count])
        dense.value = fixture.start
        let denseAdam = Adam(parameters: [dense], learningRate: fixture.lr)
        for gradient in fixture.gradients {
            dense.gradient = gradient
            denseAdam.step()
        }
        XCTAssertGreaterThan(zip(dense.value, fixture.steps.last!).map { abs($0 - $1) }.max()!, 1e-3)
    }

    /// Without tracked rows `sparseTables` changes nothing: every parameter is dense.
    func testSparseAdamStepsAnUntrackedParameterDensely() throws {
        try run("adam") { parameter, options in
            Adam(parameters: [parameter], learningRate: options.lr, sparseTables: true).step
        }
    }

    func testClipGradientNormMatchesPyTorch() throws {
        let clip = try fixture().clip
        let parameters = clip.gradients.enumerated().map { index, gradient in
            let parameter = Parameter(name: "p\(index)", shape: [gradient.count])
            parameter.gradient = gradient
            return parameter
        }
        let norm = clipGradientNorm(parameters, maxNorm: clip.maxNorm)
        assertClose([norm], [clip.norm], tolerance: 1e-6, "norm")
        for (parameter, expected) in zip(parameters, clip.clipped) {
            assertClose(parameter.gradient, expected, tolerance: 1e-6, "clipped \(parameter.name)")
        }
    }

    func testClipGradientNormLeavesSmallGradientsAlone() {
        let parameter = Parameter(name: "p", shape: [2])
        parameter.gradient = [0.3, 0.4]
        XCTAssertEqual(clipGradientNorm([parameter], maxNorm: 1), 0.5, accuracy: 1e-7)
        XCTAssertEqual(parameter.gradient, [0.3, 0.4])
    }

    /// An embedding's gradient is clipped through its touched rows only; the result must
    /// be what clipping the whole table gives, and zeroing must clear exactly those rows.
    func testClippingATrackedTableMatchesClippingAllOfIt() {
        var generator = SeededGenerator(seed: 5)
        let tracked = Embedding(vocabularySize: 50, dimension: 6, generator: &generator)
        let tokens: [Int32] = [3, 17, 3, 0, 42]
        let upstream = (0..<(tokens.count * 6)).map { Float($0 % 7) - 2.5 }
        tracked.backward(outputGradient: upstream, tokens: tokens, count: tokens.count)
        XCTAssertEqual(tracked.weight.touchedRows?.rows, [3, 17, 42])
        let dense = Parameter(name: "dense", shape: [50, 6])
        dense.gradient = tracked.weight.gradient
        let other = Parameter(name: "other", shape: [4])
        other.gradient = [1, -2, 3, -4]
        let otherCopy = Parameter(name: "otherCopy", shape: [4])
        otherCopy.gradient = other.gradient
        let trackedNorm = clipGradientNorm([tracked.weight, other], maxNorm: 2)
        let denseNorm = clipGradientNorm([dense, otherCopy], maxNorm: 2)
        XCTAssertEqual(trackedNorm, denseNorm, accuracy: 1e-6 * denseNorm)
        XCTAssertGreaterThan(denseNorm, 2, "the case must clip")
        assertClose(tracked.weight.gradient, dense.gradient, tolerance: 1e-6, "clipped table")
        assertClose(other.gradient, otherCopy.gradient, tolerance: 1e-6, "clipped vector")
        tracked.weight.zeroGradient()
        XCTAssertTrue(tracked.weight.gradient.allSatisfy { $0 == 0 })
        XCTAssertEqual(tracked.weight.touchedRows?.rows, [])
    }
}
