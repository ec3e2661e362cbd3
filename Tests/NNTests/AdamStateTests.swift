import XCTest
@testable import NN

/// Adam's step count and moments can be read out and put back (what `train --resume`
/// relies on to continue a run exactly).
final class AdamStateTests: XCTestCase {
    /// Two parameters of different sizes, with fixed values.
    func makeParameters() -> [Parameter] {
        let weight = Parameter(name: "fc.weight", shape: [2, 3])
        weight.value = [0.5, -0.25, 1, 0.75, -1.5, 0.125]
        let bias = Parameter(name: "fc.bias", shape: [2])
        bias.value = [0.1, -0.2]
        return [weight, bias]
    }

    /// A deterministic gradient for step `step`.
    func setGradients(_ parameters: [Parameter], step: Int) {
        for (p, parameter) in parameters.enumerated() {
            parameter.gradient = (0..<parameter.count).map { Float(($0 + 1) * (p + 2)) * (step % 2 == 0 ? 0.3 : -0.7) }
        }
    }

    func testFirstStepMomentsAreTheScaledGradient() {
        let parameters = makeParameters()
        let adam = Adam(parameters: parameters, learningRate: 0.01)
        XCTAssertEqual(adam.state, Adam.State(stepCount: 0, firstMoments: [[0, 0, 0, 0, 0, 0], [0, 0]],
                                               secondMoments: [[0, 0, 0, 0, 0, 0], [0, 0]]))
        for parameter in parameters { parameter.gradient = [Float](repeating: 2, count: parameter.count) }
        adam.step()
        // From zero, m = (1−β₁)·g and v = (1−β₂)·g²; g = 2 keeps both exact.
        let m = (1 - Float(0.9)) * 2, v = (1 - Float(0.999)) * 4
        XCTAssertEqual(adam.state, Adam.State(stepCount: 1, firstMoments: [[m, m, m, m, m, m], [m, m]],
                                               secondMoments: [[v, v, v, v, v, v], [v, v]]))
    }

    func testRestoredStateContinuesBitIdentically() throws {
        // Reference: five uninterrupted steps.
        let reference = makeParameters()
        let referenceAdam = Adam(parameters: reference, learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        for step in 1...5 {
            setGradients(reference, step: step)
            referenceAdam.step()
        }

        // Three steps, then hand weights and state to a fresh optimizer for the last two.
        let first = makeParameters()
        let firstAdam = Adam(parameters: first, learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        for step in 1...3 {
            setGradients(first, step: step)
            firstAdam.step()
        }
        let saved = firstAdam.state
        XCTAssertEqual(saved.stepCount, 3)
        let second = makeParameters()
        for (parameter, value) in zip(second, first.map(\.value)) { parameter.value = value }
        let secondAdam = Adam(parameters: second, learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        try secondAdam.restore(saved)
        XCTAssertEqual(secondAdam.state, saved)
        for step in 4...5 {
            setGradients(second, step: step)
            secondAdam.step()
        }
        XCTAssertEqual(second.map(\.value), reference.map(\.value))
        XCTAssertEqual(secondAdam.state, referenceAdam.state)

        // Without the state the same two steps land elsewhere: the check above can fail.
        let fresh = makeParameters()
        for (parameter, value) in zip(fresh, first.map(\.value)) { parameter.value = value }
        let freshAdam = Adam(parameters: fresh, learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        for step in 4...5 {
            setGradients(fresh, step: step)
            freshAdam.step()
        }
        XCTAssertNotEqual(fresh.map(\.value), reference.map(\.value))
    }

    func testRestoreRefusesStateForOtherParametersAndKeepsItsOwn() {
        let adam = Adam(parameters: makeParameters(), learningRate: 0.01)
        let before = adam.state
        let six = [Float](repeating: 1, count: 6), two: [Float] = [1, 1]
        let cases: [(Adam.State, String)] = [
            (Adam.State(stepCount: -1, firstMoments: [six, two], secondMoments: [six, two]),
             "Adam step count -1 is negative"),
            (Adam.State(stepCount: 4, firstMoments: [six], secondMoments: [six, two]),
             "Adam state has 1 first-moment buffers for 2 parameters"),
            (Adam.State(stepCount: 4, firstMoments: [six, two], secondMoments: [six, two, two]),
             "Adam state has 3 second-moment buffers for 2 parameters"),
            (Adam.State(stepCount: 4, firstMoments: [six, [1, 1, 1]], secondMoments: [six, two]),
             "Adam first moment of 'fc.bias' has 3 values, the parameter has 2"),
            (Adam.State(stepCount: 4, firstMoments: [six, two], secondMoments: [two, two]),
             "Adam second moment of 'fc.weight' has 2 values, the parameter has 6"),
        ]
        for (state, message) in cases {
            XCTAssertThrowsError(try adam.restore(state)) { error in
                XCTAssertEqual("\(error)", message)
            }
            XCTAssertEqual(adam.state, before, "a refused state leaves the optimizer as it was")
        }
    }
}
