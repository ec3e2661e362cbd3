import CKernels

/// Vectorized exp, sigmoid and tanh, and the 8-lane load/store helpers the other
/// kernels use.
///
/// The transcendental functions live in C (Sources/CKernels) so that they are compiled
/// for AVX-512, AVX2+FMA and the baseline and picked at load time; a scalar libm call per
/// element made the gate math most of an LSTM step. Accurate to a few ulp.

public typealias Float8 = SIMD8<Float>

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

/// σ applied in place to `count` floats.
public func sigmoidInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    ck_sigmoid_inplace(x, count)
}

/// tanh applied in place to `count` floats.
public func tanhInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    ck_tanh_inplace(x, count)
}

/// eˣ applied in place to `count` floats (input clamped to [−87, 88]).
public func expInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    ck_exp_inplace(x, count)
}
