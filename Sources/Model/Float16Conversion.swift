// IEEE 754 binary16 ⇄ binary32 conversion on bit patterns.
//
// Written out rather than using `Float16` because that type is missing on Intel macOS,
// and because the rounding rule is part of the file format: float32 → float16 rounds to
// nearest, ties to even (as numpy and PyTorch do), overflow goes to ±infinity, and NaN
// stays NaN.

/// The float16 bit pattern nearest to `value` (round to nearest, ties to even).
public func float16Bits(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF)
    let mantissa = bits & 0x7F_FFFF

    if exponent == 0xFF {
        // Infinity, or NaN with the top of its payload kept and the quiet bit set.
        return mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(truncatingIfNeeded: mantissa >> 13)
    }
    let halfExponent = exponent - 127 + 15
    if halfExponent >= 0x1F {
        return sign | 0x7C00
    }
    if halfExponent <= 0 {
        // Subnormal half (or zero): value = m · 2^-24 with m = significand >> (14 − e).
        if halfExponent < -10 { return sign }
        let significand = mantissa | 0x80_0000
        let shift = UInt32(14 - halfExponent)
        var halfMantissa = significand >> shift
        let remainder = significand & ((1 << shift) - 1)
        let halfway: UInt32 = 1 << (shift - 1)
        if remainder > halfway || (remainder == halfway && halfMantissa & 1 == 1) {
            halfMantissa += 1
        }
        return sign | UInt16(truncatingIfNeeded: halfMantissa)
    }
    var result = UInt32(halfExponent) << 10 | mantissa >> 13
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && result & 1 == 1) {
        result += 1  // a carry out of the mantissa bumps the exponent, up to infinity
    }
    return sign | UInt16(truncatingIfNeeded: result)
}

/// The float32 value of a float16 bit pattern (exact: every half is a float).
public func float32(fromFloat16Bits half: UInt16) -> Float {
    let sign = UInt32(half & 0x8000) << 16
    let exponent = UInt32((half >> 10) & 0x1F)
    var mantissa = UInt32(half & 0x3FF)
    switch exponent {
    case 0:
        if mantissa == 0 { return Float(bitPattern: sign) }
        // Subnormal: shift the leading 1 up into the implicit position.
        var unbiased: Int32 = -14
        while mantissa & 0x400 == 0 {
            mantissa <<= 1
            unbiased -= 1
        }
        mantissa &= 0x3FF
        return Float(bitPattern: sign | UInt32(unbiased + 127) << 23 | mantissa << 13)
    case 0x1F:
        return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
    default:
        return Float(bitPattern: sign | (exponent + 127 - 15) << 23 | mantissa << 13)
    }
}
