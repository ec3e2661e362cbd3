import CKernels

/// One Adam/AdamW update of `count` elements, fused in one pass (Sources/CKernels, built
/// per instruction set: the update is bound by sqrt and division as much as by memory):
///
///     g′ = g + l2·θ;   θ ← θ·decay;   m ← m + (1−β₁)(g′ − m);   v ← β₂·v + (1−β₂)·g′²
///     θ ← θ − stepSize · m / (√v · inverseCorrection2 + ε)
public func adamUpdate(
    value: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
    firstMoment: UnsafeMutablePointer<Float>, secondMoment: UnsafeMutablePointer<Float>, count: Int,
    stepSize: Float, inverseCorrection2: Float, decay: Float, l2: Float,
    oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float
) {
    ck_adam_update(value, gradient, firstMoment, secondMoment, count, stepSize, inverseCorrection2, decay, l2,
                   oneMinusBeta1, beta2, oneMinusBeta2, epsilon)
}

/// `steps` Adam updates with a zero gradient over `count` elements, step s with
/// `stepTerms[3s ..< 3s + 3]` as its stepSize, inverseCorrection2 and decay: the same arithmetic as
/// `adamUpdate` with g = 0 at each of those steps, so the result is bit-identical to
/// having taken them one by one. The elements stay in registers and cache across the
/// steps, which is what makes paying them late cheaper than paying them at once; and
/// without an L2 term or decay, once the first moments have shrunk so far that no later
/// step can move a value (θ − q rounds back to θ: q is bounded below a quarter of θ's
/// ulp), the remaining steps update the moments alone.
/// - Returns: how many of the last steps ran on the moments alone.
@discardableResult
public func adamSettle(
    value: UnsafeMutablePointer<Float>, firstMoment: UnsafeMutablePointer<Float>,
    secondMoment: UnsafeMutablePointer<Float>, count: Int, steps: Int, stepTerms: UnsafePointer<Float>,
    l2: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float
) -> Int {
    ck_adam_settle(value, firstMoment, secondMoment, count, steps, stepTerms, l2, oneMinusBeta1, beta2, oneMinusBeta2, epsilon)
}
