/// Vectorized exp, sigmoid and tanh on eight lanes at a time.
///
/// A scalar libm call per element made the gate math most of an LSTM step; these
/// evaluate a polynomial on all lanes at once instead, accurate to a few ulp.
///
/// Range reduction: `y = n·ln2 + r` with `n = round(y / ln2)` and `|r| ≤ ln2/2`, so
/// `exp(y) = 2ⁿ · (1 + q(r))` where `q(r) = expm1(r)` is its Taylor series through
/// r⁸/8! (truncation error below 6e-9 on that interval).

public typealias Float8 = SIMD8<Float>

@usableFromInline let ln2High: Float = 0.693_145_751_953_125       // few mantissa bits: n·ln2High is exact
@usableFromInline let ln2Low: Float = 1.428_606_765_330_187e-6      // ln2 − ln2High
@usableFromInline let log2e: Float = 1.442_695_040_888_963_4
@usableFromInline let roundingMagic: Float = 12_582_912             // 1.5·2²³: adding it rounds to an integer

/// `(2ⁿ, expm1(r))` for `y = n·ln2 + r`; `y` must lie in [−87, 88].
@inlinable @inline(__always)
func exponentParts(_ y: Float8) -> (scale: Float8, expm1OfRemainder: Float8) {
    let shifted = y * log2e + roundingMagic
    let n = shifted - roundingMagic
    let r = (y - n * ln2High) - n * ln2Low
    var q = Float8(repeating: 1 / 40_320)
    q = q * r + 1 / 5_040
    q = q * r + 1 / 720
    q = q * r + 1 / 120
    q = q * r + 1 / 24
    q = q * r + 1 / 6
    q = q * r + 0.5
    q = q * r + 1
    q = q * r
    // The low bits of `shifted` hold n as an integer (two's complement around the magic).
    let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: Float8.self)
    return (scale, q)
}

/// eˣ on each lane (clamped to [−87, 88], so it never overflows to infinity).
@inlinable @inline(__always)
public func exp(_ x: Float8) -> Float8 {
    let y = x.clamped(lowerBound: Float8(repeating: -87), upperBound: Float8(repeating: 88))
    let (scale, q) = exponentParts(y)
    return scale + scale * q
}

/// σ(x) = 1 / (1 + e⁻ˣ) on each lane.
@inlinable @inline(__always)
public func sigmoid(_ x: Float8) -> Float8 {
    1 / (1 + exp(-x))
}

/// tanh(x) on each lane, as `−expm1(−2|x|) / (2 + expm1(−2|x|))` with the sign put back:
/// going through expm1 keeps full relative accuracy near 0, where `1 − e⁻²ˣ` would cancel.
@inlinable @inline(__always)
public func tanh(_ x: Float8) -> Float8 {
    let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
    let signBits = bits & 0x8000_0000
    let magnitude = unsafeBitCast(bits & 0x7FFF_FFFF, to: Float8.self)
    let y = (-2 * magnitude).clamped(lowerBound: Float8(repeating: -87), upperBound: Float8(repeating: 0))
    let (scale, q) = exponentParts(y)
    let expm1 = (scale - 1) + scale * q              // e^y − 1 in [−1, 0]
    let t = -expm1 / (2 + expm1)
    return unsafeBitCast(unsafeBitCast(t, to: SIMD8<UInt32>.self) | signBits, to: Float8.self)
}

/// Loads `count ≤ 8` floats (zero-filled beyond `count`).
@inlinable @inline(__always)
public func load8(_ pointer: UnsafePointer<Float>, count: Int = 8) -> Float8 {
    if count >= 8 {
        return UnsafeRawPointer(pointer).loadUnaligned(as: Float8.self)
    }
    var v = Float8()
    for lane in 0..<count { v[lane] = pointer[lane] }
    return v
}

/// Stores the first `count ≤ 8` lanes of `value`.
@inlinable @inline(__always)
public func store8(_ value: Float8, _ pointer: UnsafeMutablePointer<Float>, count: Int = 8) {
    if count >= 8 {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Float8.self)
        return
    }
    for lane in 0..<count { pointer[lane] = value[lane] }
}

/// Applies `transform` to `count` floats in place, eight at a time.
@inlinable @inline(__always)
func mapInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, _ transform: (Float8) -> Float8) {
    var index = 0
    while index < count {
        let lanes = min(8, count - index)
        store8(transform(load8(x + index, count: lanes)), x + index, count: lanes)
        index += 8
    }
}

/// σ applied in place to `count` floats.
public func sigmoidInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    mapInPlace(x, count: count, sigmoid)
}

/// tanh applied in place to `count` floats.
public func tanhInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    mapInPlace(x, count: count, tanh)
}

/// eˣ applied in place to `count` floats.
public func expInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    mapInPlace(x, count: count, exp)
}
