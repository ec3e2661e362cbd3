import XCTest
@testable import Tensor

/// `gemm` against a naive triple loop, for every transpose combination, strided
/// leading dimensions, the one-row (matrix-vector) path and k = 0.
final class GEMMTests: XCTestCase {
    func values(_ count: Int, _ seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 37 + seed * 11) % 17) / 8 - 1 }
    }

    func check(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, beta: Float) {
        let lda = (transposeA ? m : k) + 2, ldb = (transposeB ? k : n) + 1, ldc = n + 3
        let a = values((transposeA ? k : m) * lda, 1), b = values((transposeB ? n : k) * ldb, 2)
        var c = values(m * ldc, 3)
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var total: Float = 0
                for l in 0..<k {
                    let aValue = transposeA ? a[l * lda + i] : a[i * lda + l]
                    let bValue = transposeB ? b[j * ldb + l] : b[l * ldb + j]
                    total += aValue * bValue
                }
                expected[i * ldc + j] = 0.5 * total + beta * expected[i * ldc + j]
            }
        }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
                         a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb, beta: beta,
                         c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
        for index in c.indices {
            XCTAssertEqual(c[index], expected[index], accuracy: 1e-4,
                           "transposeA \(transposeA) transposeB \(transposeB) m \(m) n \(n) k \(k) at \(index)")
        }
    }

    func testAllTransposesAndTheOneRowPath() {
        BLASSetup.prepare()
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                for m in [1, 5] {
                    check(transposeA: transposeA, transposeB: transposeB, m: m, n: 7, k: 6, beta: 0)
                    check(transposeA: transposeA, transposeB: transposeB, m: m, n: 4, k: 9, beta: 1)
                }
            }
        }
    }

    func testEmptyInnerDimensionOnlyScales() {
        check(transposeA: false, transposeB: false, m: 3, n: 4, k: 0, beta: 0)
        check(transposeA: false, transposeB: true, m: 3, n: 4, k: 0, beta: 1)
    }
}
