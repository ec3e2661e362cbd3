import XCTest
@testable import NN

/// Dropout's mask is drawn without a branch (an integer threshold on the draw's 24 bits);
/// it must equal the plain reading "drop when the unit draw is below p, else scale by
/// 1/(1 − p)", draw for draw, and leave the generator where that reading leaves it.
final class DropoutTests: XCTestCase {
    func testTheMaskIsTheUnitDrawComparedWithTheProbability() {
        // 0.5 and 0.25 put p · 2^24 on an integer (the boundary draw itself is kept);
        // 0.1 and 0.3 do not; 0 keeps everything.
        for probability: Float in [0, 0.1, 0.25, 0.3, 0.5, 0.9] {
            let count = 10_003
            var drawn = SeededGenerator(seed: 42), expected = SeededGenerator(seed: 42)
            var mask = [Float](repeating: -1, count: count), output = [Float](repeating: 0, count: count)
            let input = (0..<count).map { Float($0 % 7) - 3 }
            Dropout.forward(output: &output, mask: &mask, input: input, count: count, probability: probability,
                            generator: &drawn)
            let keep = 1 / (1 - probability)
            var dropped = 0
            for index in 0..<count {
                let want: Float = expected.nextUnitFloat() < probability ? 0 : keep
                XCTAssertEqual(mask[index], want, "p \(probability), element \(index)")
                XCTAssertEqual(output[index], input[index] * want)
                if mask[index] == 0 { dropped += 1 }
            }
            XCTAssertEqual(drawn.next(), expected.next(), "p \(probability): the generator moved as far")
            XCTAssertEqual(Double(dropped) / Double(count), Double(probability), accuracy: 0.02)
        }
    }

    func testTheThresholdSplitsTheDrawsWhereTheUnitDrawCrossesTheProbability() {
        for probability: Float in [0, 1e-7, 0.1, 0.25, 0.3, 0.5, 0.9, 0.999_999] {
            let threshold = Dropout.dropThreshold(probability)
            let unit = { (bits: UInt64) in Float(bits) * (1.0 / 16_777_216.0) }
            if threshold > 0 { XCTAssertLessThan(unit(threshold - 1), probability, "p \(probability)") }
            XCTAssertGreaterThanOrEqual(unit(threshold), probability, "p \(probability)")
        }
        XCTAssertEqual(Dropout.dropThreshold(0.5), 1 << 23)
        XCTAssertEqual(Dropout.dropThreshold(0), 0)
    }
}
