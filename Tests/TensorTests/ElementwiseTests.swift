import XCTest
@testable import Tensor

/// The element-wise sums in C (`CKernels/elementwise.c`): every length (vector bodies and
/// tails), in place, and column sums added row by row in order.
final class ElementwiseTests: XCTestCase {
    private func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7919 + seed * 104_729) % 2003) / 97 - 10 }
    }

    func testAddGivesEachElementsSumAtEveryLengthAndInPlace() {
        for count in [0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 130, 1_000] {
            let a = values(count, seed: 1), b = values(count, seed: 2)
            var y = [Float](repeating: .nan, count: count)
            add(&y, a, b, count: count)
            XCTAssertEqual(y, zip(a, b).map { $0 + $1 }, "count \(count)")
            var inPlace = a
            inPlace.withUnsafeMutableBufferPointer { addInPlace($0.baseAddress!, b, count: count) }
            XCTAssertEqual(inPlace, y, "in place, count \(count)")
        }
        // A shorter count leaves the rest alone.
        var y: [Float] = [1, 1, 1]
        addInPlace(&y, [1, 1, 1], count: 2)
        XCTAssertEqual(y, [2, 2, 1])
    }

    func testColumnSumsAddTheRowsInOrder() {
        for (rows, columns) in [(0, 5), (1, 1), (3, 17), (37, 64), (5, 129)] {
            let matrix = values(rows * columns, seed: 3)
            var sums = values(columns, seed: 4)
            var expected = sums
            for r in 0..<rows {
                for j in 0..<columns { expected[j] += matrix[r * columns + j] }
            }
            addColumnSums(&sums, of: matrix, rows: rows, columns: columns)
            XCTAssertEqual(sums, expected, "\(rows)×\(columns)")
        }
    }
}
