import Tensor

/// Scales all gradients together so their global L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_` (factor `maxNorm / (norm + 1e-6)`, applied only
/// when below 1). A table that tracks its touched rows (an embedding) is read and
/// scaled only there: its other rows are zero.
///
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var sumOfSquaresTotal: Double = 0
    for parameter in parameters {
        parameter.forEachGradientSpan { span, count in
            sumOfSquaresTotal += sumOfSquares(span, count: count)
        }
    }
    let norm = Float(sumOfSquaresTotal.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for parameter in parameters {
            parameter.forEachGradientSpan { span, count in scaleInPlace(span, by: factor, count: count) }
        }
    }
    return norm
}
