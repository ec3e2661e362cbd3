import Tensor

/// Scales all gradients together so their global L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_` (factor `maxNorm / (norm + 1e-6)`, applied only
/// when below 1). A table that tracks its touched rows (an embedding) is read and
/// scaled only there: its other rows are zero.
///
/// The spans are read on both cores (each span's sum of squares as `sumOfSquares` gives
/// it, then the sums added in parameter order), so the norm is the one a single core
/// would compute, bit for bit.
///
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    let gradients = GradientSpans(parameters)
    var sums = [Double](repeating: 0, count: gradients.spans.count)
    sums.withUnsafeMutableBufferPointer { buffer in
        let sums = buffer.baseAddress!
        gradients.onBothCores { sums[$0] = sumOfSquares(gradients.spans[$0].start, count: gradients.spans[$0].count) }
    }
    let norm = Float(sums.reduce(0, +).squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        gradients.onBothCores { scaleInPlace(gradients.spans[$0].start, by: factor, count: gradients.spans[$0].count) }
    }
    return norm
}
