import CBLAS
import XCTest
@testable import Tensor

final class BLASSetupTests: XCTestCase {
    func testOnlyOpenBLASsFallbackIsReplacedAndByWhatTheCPURuns() {
        XCTAssertEqual(BLASSetup.betterKernels(than: "Prescott", vectorLevel: 2), "SkylakeX")
        XCTAssertEqual(BLASSetup.betterKernels(than: "prescott", vectorLevel: 1), "Haswell")
        XCTAssertNil(BLASSetup.betterKernels(than: "Prescott", vectorLevel: 0))
        // A set OpenBLAS chose from the CPU's model stands, even if the CPU runs more.
        XCTAssertNil(BLASSetup.betterKernels(than: "Haswell", vectorLevel: 2))
        XCTAssertNil(BLASSetup.betterKernels(than: "Cooperlake", vectorLevel: 2))
        XCTAssertNil(BLASSetup.betterKernels(than: "Zen", vectorLevel: 1))
    }

    func testAfterPreparingACPUWithAVX2NeverRunsTheSSE3Fallback() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil,
                      "OPENBLAS_CORETYPE chooses the kernels in this run")
        try XCTSkipIf(sentiment_cpu_vector_level() == 0, "this CPU runs neither AVX2 nor AVX-512")
        BLASSetup.prepare()
        XCTAssertNotEqual(BLASSetup.kernelName.lowercased(), "prescott")
        if let chosen = BLASSetup.kernelsChosenHere {
            XCTAssertEqual(BLASSetup.kernelName.lowercased(), chosen.lowercased())
            // The kernels chosen here compute the same products.
            let a: [Float] = (0..<600).map { Float($0 % 17) / 7 - 1 }
            let b: [Float] = (0..<800).map { Float($0 % 13) / 5 - 1 }
            var c = [Float](repeating: 0, count: 30 * 40)
            gemm(transposeA: false, transposeB: false, m: 30, n: 40, k: 20, a: a, lda: 20, b: b, ldb: 40,
                 beta: 0, c: &c, ldc: 40)
            for row in 0..<30 {
                for column in 0..<40 {
                    let expected = (0..<20).reduce(Float(0)) { $0 + a[row * 20 + $1] * b[$1 * 40 + column] }
                    XCTAssertEqual(c[row * 40 + column], expected, accuracy: 1e-4)
                }
            }
        }
    }
}
