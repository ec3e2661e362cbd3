import XCTest
@testable import Tensor

/// `PanelMatrix` against a naive triple loop in double precision: panels cut in the
/// middle (n not a multiple of the panel width), row counts that leave partial row
/// blocks, one row (BLAS's matrix-vector path), strided A and C, B read as stored and
/// transposed, and the columns of C past n left alone.
final class PanelMatrixTests: XCTestCase {
    func values(_ count: Int, _ seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 37 + seed * 11) % 23) / 11 - 1 }
    }

    func check(m: Int, n: Int, k: Int, transposed: Bool, accumulate: Bool,
               file: StaticString = #filePath, line: UInt = #line) {
        let lda = k + 3, ldb = (transposed ? k : n) + 2, ldc = n + 5
        let a = values(max(m, 1) * lda, 1), b = values((transposed ? n : k) * ldb, 2)
        var c = values(max(m, 1) * ldc, 3)
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var total: Double = accumulate ? Double(c[i * ldc + j]) : 0
                for l in 0..<k {
                    let bValue = transposed ? b[j * ldb + l] : b[l * ldb + j]
                    total += Double(a[i * lda + l]) * Double(bValue)
                }
                expected[i * ldc + j] = Float(total)
            }
        }
        let panels = PanelMatrix()
        b.withUnsafeBufferPointer { bp in
            panels.load(bp.baseAddress!, ldb: ldb, transposed: transposed, k: k, n: n)
            a.withUnsafeBufferPointer { ap in
                c.withUnsafeMutableBufferPointer { cp in
                    panels.multiply(m: m, a: ap.baseAddress!, lda: lda, accumulate: accumulate,
                                    c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
        XCTAssertEqual(panels.k, k, file: file, line: line)
        XCTAssertEqual(panels.n, n, file: file, line: line)
        for index in c.indices {
            XCTAssertEqual(c[index], expected[index], accuracy: 1e-4 * Float(k),
                           "m \(m) n \(n) k \(k) transposed \(transposed) accumulate \(accumulate) at \(index)",
                           file: file, line: line)
        }
    }

    func testMatchesTheDefinitionOverPartialPanelsAndRowBlocks() {
        for (m, n, k) in [(1, 1, 1), (5, 7, 6), (6, 64, 3), (7, 65, 9), (13, 130, 17), (64, 512, 128), (3, 128, 512)] {
            for transposed in [false, true] {
                for accumulate in [false, true] {
                    check(m: m, n: n, k: k, transposed: transposed, accumulate: accumulate)
                }
            }
        }
    }

    func testNoRowsWritesNothing() {
        check(m: 0, n: 9, k: 4, transposed: true, accumulate: false)
    }

    /// The summation order is part of the contract (forward's steps and `infer`'s must
    /// agree bit for bit): with two rows or more, each element is its k products added in
    /// k order, then C's old value. Any other order gives another sum here.
    func testEachElementIsItsProductsInOrderThenTheOldValue() {
        let k = 5, n = 3
        let row: [Float] = [1e8, 1, -1e8, 1, 1]
        let a = row + row
        let b = [Float](repeating: 1, count: k * n)
        var c = [Float](repeating: 0.5, count: 2 * n)
        let panels = PanelMatrix()
        b.withUnsafeBufferPointer { bp in
            panels.load(bp.baseAddress!, ldb: n, transposed: false, k: k, n: n)
            a.withUnsafeBufferPointer { ap in
                c.withUnsafeMutableBufferPointer { cp in
                    panels.multiply(m: 2, a: ap.baseAddress!, lda: k, accumulate: true, c: cp.baseAddress!, ldc: n)
                }
            }
        }
        // ((((1e8 + 1) − 1e8) + 1) + 1) = 2 in float (the first 1 is lost against 1e8), then + 0.5.
        XCTAssertEqual(c, [Float](repeating: 2.5, count: 2 * n))
    }

    /// B's storage is read at each product, and packed at the first with two rows: a new
    /// `load` of other values is what a later product uses.
    func testALaterLoadReplacesWhatWasPacked() {
        let panels = PanelMatrix()
        let first: [Float] = [1, 2, 3, 4], second: [Float] = [5, 6, 7, 8], a: [Float] = [1, 0, 0, 1]
        var c = [Float](repeating: 0, count: 4)
        for (b, expected) in [(first, first), (second, second)] {
            b.withUnsafeBufferPointer { bp in
                panels.load(bp.baseAddress!, ldb: 2, transposed: false, k: 2, n: 2)
                a.withUnsafeBufferPointer { ap in
                    c.withUnsafeMutableBufferPointer { cp in
                        panels.multiply(m: 2, a: ap.baseAddress!, lda: 2, accumulate: false, c: cp.baseAddress!, ldc: 2)
                    }
                }
            }
            XCTAssertEqual(c, expected)  // A is the identity
        }
    }
}
