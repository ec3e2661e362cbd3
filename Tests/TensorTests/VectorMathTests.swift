import Foundation
import XCTest
@testable import Tensor

/// The vectorized exp, sigmoid and tanh against libm (in Double), across the range the
/// LSTM gates see and beyond.
final class VectorMathTests: XCTestCase {
    /// Points from −30 to 30, dense near 0, plus tiny magnitudes and tails of 8-lane chunks.
    let points: [Float] = {
        var xs: [Float] = []
        var x: Float = -30
        while x <= 30 { xs.append(x); x += 0.01273 }
        for e in stride(from: -20, through: 0, by: 1) {
            let tiny = Float(pow(10, Double(e) / 2))
            xs.append(tiny); xs.append(-tiny)
        }
        xs += [0, -0, 87, -87, 100, -100]
        return xs
    }()

    func maxRelativeError(_ transform: (UnsafeMutablePointer<Float>, Int) -> Void,
                          _ reference: (Double) -> Double) -> Double {
        var values = points
        values.withUnsafeMutableBufferPointer { transform($0.baseAddress!, $0.count) }
        var worst = 0.0
        for (x, y) in zip(points, values) {
            let expected = reference(Double(x))
            let error = abs(Double(y) - expected) / max(abs(expected), 1e-30)
            worst = max(worst, error)
        }
        return worst
    }

    func testSigmoidIsAccurateToAFewUlp() {
        let worst = maxRelativeError({ sigmoidInPlace($0, count: $1) }, { 1 / (1 + Foundation.exp(-$0)) })
        XCTAssertLessThan(worst, 5e-7)
    }

    func testTanhIsAccurateToAFewUlpEvenNearZero() {
        let worst = maxRelativeError({ tanhInPlace($0, count: $1) }, { Foundation.tanh($0) })
        XCTAssertLessThan(worst, 5e-7)
    }

    func testExpIsAccurateToAFewUlpInRange() {
        var values = points.filter { abs($0) <= 80 }
        let inputs = values
        values.withUnsafeMutableBufferPointer { expInPlace($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(inputs, values) {
            let expected = Foundation.exp(Double(x))
            XCTAssertLessThan(abs(Double(y) - expected) / expected, 5e-7, "exp(\(x)) = \(y)")
        }
    }

    func testSaturationGivesExactLimits() {
        var values: [Float] = [-100, 100, -20, 20]
        values.withUnsafeMutableBufferPointer { tanhInPlace($0.baseAddress!, count: 4) }
        XCTAssertEqual(values, [-1, 1, -1, 1])
        var s: [Float] = [100, -100]
        s.withUnsafeMutableBufferPointer { sigmoidInPlace($0.baseAddress!, count: 2) }
        XCTAssertEqual(s[0], 1)
        XCTAssertGreaterThanOrEqual(s[1], 0)
        XCTAssertLessThan(s[1], 1e-37)
    }

    /// Eight lanes at a time and a scalar tail: strictly greater wins (the first of equal
    /// maxima stays), a NaN never wins, and every lane agrees with the scalar rule.
    func testRunningMaximumKeepsTheFirstMaximumAndIgnoresNaN() {
        let count = 11
        var maximum: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        var argmax = [Int32](repeating: 7, count: count)
        let x: [Float] = [1, 1, .nan, 2, 9, -1, 6.5, 7, .nan, 10, 11]
        updateRunningMaximum(&maximum, argmax: &argmax, with: x, index: 3, count: count)
        XCTAssertEqual(maximum, [1, 1, 2, 3, 9, 5, 6.5, 7, 8, 10, 11])
        XCTAssertEqual(argmax, [3, 7, 7, 7, 3, 7, 3, 7, 7, 3, 3])
    }
}
