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
