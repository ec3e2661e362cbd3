import XCTest
@testable import Tensor

/// `adamSettle` pays owed Adam steps (gradient 0) late. Whatever shortcut it takes, each
/// value and both moments must end with the bits of the same steps taken one by one
/// with `adamUpdate`: after ~150 idle steps it updates the moments alone, which is only
/// right if no value could have moved.
final class AdamSettleTests: XCTestCase {
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    /// Three terms per step (step size, inverse bias correction, decay) as `Adam.step`
    /// makes them, from step `first` on, under a learning-rate schedule.
    func stepTerms(steps: Int, first: Int, decay: Float = 1, learningRate: (Int) -> Double) -> [Float] {
        (0..<steps).flatMap { index -> [Float] in
            let t = Double(first + index)
            return [Float(learningRate(index) / (1 - pow(Double(beta1), t))),
                    Float(1 / (1 - pow(Double(beta2), t)).squareRoot()), decay]
        }
    }

    /// A row as training leaves it: values of every size (one exactly 0, some tiny),
    /// moments of both signs and sizes.
    func row(_ count: Int, seed: Int) -> (theta: [Float], m: [Float], v: [Float]) {
        var generator = seed &* 2_654_435_761 &+ 12_345
        func next() -> Float {
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float((generator >> 33) & 0xFFFFFF) / Float(0x1000000)
        }
        let theta = (0..<count).map { index -> Float in
            index == 3 ? 0 : index == 5 ? 1e-30 : (next() - 0.5) * (index % 7 == 0 ? 4e-4 : 0.8)
        }
        let m = (0..<count).map { _ in (next() - 0.5) * 2e-3 }
        let v = (0..<count).map { _ in next() * 1e-6 + 1e-12 }
        return (theta, m, v)
    }

    /// Settles a row and steps a copy one step at a time; returns the settle's count of
    /// moment-only steps after checking every bit.
    @discardableResult
    func assertSettleMatchesSteps(count: Int, steps: Int, l2: Float = 0, decay: Float = 1,
                                  learningRate: @escaping (Int) -> Double = { _ in 0.002 },
                                  seed: Int = 1, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let start = row(count, seed: seed)
        let terms = stepTerms(steps: steps, first: 40, decay: decay, learningRate: learningRate)
        var (theta, m, v) = start
        let frozen = terms.withUnsafeBufferPointer { terms in
            adamSettle(value: &theta, firstMoment: &m, secondMoment: &v, count: count, steps: steps,
                       stepTerms: terms.baseAddress!, l2: l2, oneMinusBeta1: 1 - beta1, beta2: beta2,
                       oneMinusBeta2: 1 - beta2, epsilon: epsilon)
        }
        var (denseTheta, denseM, denseV) = start
        let zero = [Float](repeating: 0, count: count)
        for step in 0..<steps {
            adamUpdate(value: &denseTheta, gradient: zero, firstMoment: &denseM, secondMoment: &denseV, count: count,
                       stepSize: terms[3 * step], inverseCorrection2: terms[3 * step + 1], decay: terms[3 * step + 2],
                       l2: l2, oneMinusBeta1: 1 - beta1, beta2: beta2, oneMinusBeta2: 1 - beta2, epsilon: epsilon)
        }
        let context = "count \(count), steps \(steps), l2 \(l2), decay \(decay)"
        XCTAssertEqual(theta.map(\.bitPattern), denseTheta.map(\.bitPattern), "values, \(context)", file: file, line: line)
        XCTAssertEqual(m.map(\.bitPattern), denseM.map(\.bitPattern), "first moments, \(context)", file: file, line: line)
        XCTAssertEqual(v.map(\.bitPattern), denseV.map(\.bitPattern), "second moments, \(context)", file: file, line: line)
        XCTAssertNotEqual(theta, start.theta, "the steps moved the values: \(context)", file: file, line: line)
        return frozen
    }

    func testLongDebtsEndOnTheMomentsAloneWithTheStepByStepBits() {
        // Widths around the 64-element register blocks and the 256-element chunks.
        for count in [1, 5, 63, 64, 65, 128, 130, 300] {
            for steps in [10, 79, 80, 150, 400, 1_200] {
                let frozen = assertSettleMatchesSteps(count: count, steps: steps, seed: count + steps)
                XCTAssertLessThanOrEqual(frozen, steps)
                if steps >= 400 {
                    // Not vacuous: the shortcut ran, for most of a long debt.
                    XCTAssertGreaterThan(frozen, steps / 3, "count \(count), steps \(steps)")
                }
                if steps < 80 { XCTAssertEqual(frozen, 0) }
            }
        }
    }

    func testAScheduleThatRisesLateIsBoundedByItsLargestStep() {
        // A tiny rate then a large one: a bound read from the first steps alone would
        // freeze values that the late, large steps still move.
        let frozen = assertSettleMatchesSteps(count: 128, steps: 600) { index in index < 300 ? 1e-6 : 0.5 }
        XCTAssertLessThan(frozen, 600 - 150)
    }

    func testL2TermsAndDecayStepEveryValueToTheEnd() {
        XCTAssertEqual(assertSettleMatchesSteps(count: 128, steps: 500, l2: 0.01), 0)
        XCTAssertEqual(assertSettleMatchesSteps(count: 128, steps: 500, decay: 1 - 0.002 * 0.01), 0)
    }
}
