import XCTest
@testable import Model

final class Float16ConversionTests: XCTestCase {
    func testEveryHalfRoundTripsThroughFloat() {
        for bits in 0...UInt16.max {
            let value = float32(fromFloat16Bits: bits)
            if value.isNaN {
                XCTAssertTrue(float32(fromFloat16Bits: float16Bits(value)).isNaN)
            } else {
                XCTAssertEqual(float16Bits(value), bits, "half 0x\(String(bits, radix: 16))")
            }
        }
    }

    func testKnownValues() {
        XCTAssertEqual(float16Bits(1), 0x3C00)
        XCTAssertEqual(float16Bits(-2), 0xC000)
        XCTAssertEqual(float16Bits(65504), 0x7BFF)
        XCTAssertEqual(float16Bits(65520), 0x7C00, "halfway to the next binade rounds up to infinity")
        XCTAssertEqual(float16Bits(.infinity), 0x7C00)
        XCTAssertEqual(float16Bits(5.960464477539063e-08), 0x0001, "smallest subnormal")
        XCTAssertEqual(float16Bits(2.9802322387695312e-08), 0x0000, "half the smallest subnormal ties to even (0)")
        XCTAssertEqual(float32(fromFloat16Bits: 0x3555), 0.333251953125)
    }

    func testRoundsToNearestTiesToEven() {
        // 1 + 2^-11 is exactly between 1 (even mantissa) and 1 + 2^-10: ties go to 1.
        XCTAssertEqual(float16Bits(1 + 0x1p-11), 0x3C00)
        // 1 + 3·2^-11 is between 1 + 2^-10 (odd) and 1 + 2^-9 (even): ties go up.
        XCTAssertEqual(float16Bits(1 + 3 * 0x1p-11), 0x3C02)
        XCTAssertEqual(float16Bits(1 + 0x1p-11 + 0x1p-20), 0x3C01, "above the tie rounds up")
    }

    #if arch(x86_64) || arch(arm64)
    #if !(os(macOS) && arch(x86_64))
    func testAgreesWithSwiftFloat16OnRandomFloats() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let value = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            if value.isNaN { continue }
            XCTAssertEqual(float16Bits(value), Float16(value).bitPattern, "\(value)")
        }
    }
    #endif
    #endif
}
