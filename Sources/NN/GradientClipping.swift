import Tensor

/// Scales all gradients together so their global L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_` (factor `maxNorm / (norm + 1e-6)`, applied only
/// when below 1).
///
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var sumOfSquaresTotal: Double = 0
    for parameter in parameters {
        sumOfSquaresTotal += parameter.gradient.withUnsafeBufferPointer {
            sumOfSquares($0.baseAddress!, count: $0.count)
        }
    }
    let norm = Float(sumOfSquaresTotal.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for parameter in parameters {
            parameter.gradient.withUnsafeMutableBufferPointer {
                scaleInPlace($0.baseAddress!, by: factor, count: $0.count)
            }
        }
    }
    return norm
}
