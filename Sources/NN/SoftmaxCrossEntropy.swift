#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax and cross-entropy over K classes, with PyTorch's optional class weights:
///
///     loss = Σ_r w[y_r] · (logsumexp(z_r) − z_r[y_r]) / Σ_r w[y_r]
///
/// (the plain mean when there are no weights). Dimension letters: R rows, K classes.
public enum SoftmaxCrossEntropy {
    /// probabilities (R, K) = softmax(logits) row by row (max-shifted, so it cannot overflow).
    public static func softmax(probabilities: UnsafeMutablePointer<Float>, logits: UnsafePointer<Float>,
                               rows: Int, classes: Int) {
        for r in 0..<rows {
            let z = logits + r * classes, p = probabilities + r * classes
            var largest = z[0]
            for k in 1..<classes { largest = max(largest, z[k]) }
            var total: Double = 0
            for k in 0..<classes {
                let e = expf(z[k] - largest)
                p[k] = e
                total += Double(e)
            }
            let scale = Float(1 / total)
            for k in 0..<classes { p[k] *= scale }
        }
    }

    /// The (weighted) mean loss; `labels[r]` is row r's class, `rowOrder[r]` maps row r to
    /// the index into `labels` (the batch may be sorted).
    public static func loss(logits: UnsafePointer<Float>, labels: [Int], rowOrder: [Int], classWeights: [Float]?,
                            rows: Int, classes: Int) -> Float {
        var total: Double = 0, weightSum: Double = 0
        for r in 0..<rows {
            let z = logits + r * classes
            let y = labels[rowOrder[r]]
            precondition(y >= 0 && y < classes, "label \(y) outside 0..<\(classes)")
            var largest = z[0]
            for k in 1..<classes { largest = max(largest, z[k]) }
            var sum: Double = 0
            for k in 0..<classes { sum += exp(Double(z[k] - largest)) }
            let logSumExp = Double(largest) + log(sum)
            let w = Double(classWeights?[y] ?? 1)
            total += w * (logSumExp - Double(z[y]))
            weightSum += w
        }
        return Float(total / weightSum)
    }

    /// logitsGradient (R, K) = w[y_r] · (p_r − onehot(y_r)) / Σ w[y] (overwritten).
    public static func backward(logitsGradient: UnsafeMutablePointer<Float>, probabilities: UnsafePointer<Float>,
                                labels: [Int], rowOrder: [Int], classWeights: [Float]?, rows: Int, classes: Int) {
        var weightSum: Double = 0
        for r in 0..<rows { weightSum += Double(classWeights?[labels[rowOrder[r]]] ?? 1) }
        for r in 0..<rows {
            let y = labels[rowOrder[r]]
            let scale = Float(Double(classWeights?[y] ?? 1) / weightSum)
            for k in 0..<classes {
                let p = probabilities[r * classes + k]
                logitsGradient[r * classes + k] = scale * (k == y ? p - 1 : p)
            }
        }
    }
}
