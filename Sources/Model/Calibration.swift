import Foundation
import NN

/// Confidence that means what it says: temperature scaling (Guo et al., 2017) and the
/// measures of calibration `eval` reports.
///
/// Dimension letters: N examples, K classes. Logits and probabilities are (N, K) rows.
public enum Calibration {
    /// Equal-width confidence bins of the expected calibration error and the diagram.
    public static let binCount = 15

    /// Where the fits search β = 1/T: T from 1/20 to 20.
    static let betaRange = (1.0 / 20)...20.0

    /// The temperature T > 0 that minimizes the mean negative log-likelihood of
    /// softmax(z / T) on (`logits`, `truth`).
    ///
    /// The NLL is convex in β = 1/T (log-sum-exp of βz minus βz_y), so a golden-section
    /// search over β in [1/20, 20] finds its minimum; it is deterministic (a fixed number
    /// of steps, no random start). Returns 1 for no examples.
    /// - Complexity: O(N K) per step, 80 steps.
    public static func fitTemperature(logits: [[Float]], truth: [Int]) -> Float {
        precondition(logits.count == truth.count, "one label per row of logits")
        guard !logits.isEmpty else { return 1 }
        func loss(_ beta: Double) -> Double { negativeLogLikelihood(logits: logits, truth: truth, temperature: 1 / beta) }
        let ratio = (sqrt(5.0) - 1) / 2
        var low = betaRange.lowerBound, high = betaRange.upperBound
        var left = high - ratio * (high - low), right = low + ratio * (high - low)
        var leftLoss = loss(left), rightLoss = loss(right)
        for _ in 0..<80 {
            if leftLoss <= rightLoss {
                high = right
                right = left
                rightLoss = leftLoss
                left = high - ratio * (high - low)
                leftLoss = loss(left)
            } else {
                low = left
                left = right
                leftLoss = rightLoss
                right = low + ratio * (high - low)
                rightLoss = loss(right)
            }
        }
        return Float(1 / ((low + high) / 2))
    }

    /// Temperature scaling with a per-class offset ("bias scaling"): the T > 0 and offsets
    /// c (one per class, summing to 0) that minimize the mean negative log-likelihood of
    /// softmax(z / T + c) on (`logits`, `truth`). The offsets move each class's share of the
    /// decisions, which temperature alone never changes: what a domain whose classes
    /// are not as frequent as in training needs.
    ///
    /// The NLL is convex in (β = 1/T, c) (log-sum-exp of an affine function minus an affine
    /// function), so Newton's method from the temperature-only fit with c = 0, each step
    /// halved until the loss falls, reaches the minimum; the free direction (every c_k
    /// moved alike changes nothing) is pinned by adding (Σc)²/2 to the loss. Every class
    /// must occur in `truth`, or its offset would fall without bound. T stays within
    /// `fitTemperature`'s range (β projected into it), and no step that raises the loss is
    /// taken, so rows the logits already separate (where the NLL falls without end) give a
    /// finite fit at worst as good as temperature alone.
    /// - Complexity: O(N K²) per step, at most 50 steps.
    public static func fitTemperatureAndOffsets(logits: [[Float]], truth: [Int]) -> (temperature: Float, offsets: [Float]) {
        precondition(logits.count == truth.count, "one label per row of logits")
        guard let classCount = logits.first?.count else { return (1, []) }
        precondition(Set(truth).count == classCount, "every class must occur in truth")
        let n = Double(logits.count)
        let z = logits.map { $0.map(Double.init) }
        // θ = (β, c_0 … c_{K−1}).
        func loss(_ theta: [Double]) -> Double {
            let sum = theta.dropFirst().reduce(0, +)
            return negativeLogLikelihood(logits: logits, truth: truth, temperature: 1 / theta[0], offsets: theta.dropFirst())
                + sum * sum / 2
        }
        let size = classCount + 1
        var theta = [1 / Double(fitTemperature(logits: logits, truth: truth))] + [Double](repeating: 0, count: classCount)
        var current = loss(theta)
        for _ in 0..<50 {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for (row, label) in zip(z, truth) {
                let scaled = row.indices.map { theta[0] * row[$0] + theta[1 + $0] }
                let top = scaled.max()!
                var p = scaled.map { exp($0 - top) }
                let total = p.reduce(0, +)
                for k in p.indices { p[k] /= total }
                // ∂ℓ/∂β = Σ_k (p_k − [k = y]) z_k; ∂ℓ/∂c_k = p_k − [k = y].
                let meanZ = zip(p, row).reduce(0) { $0 + $1.0 * $1.1 }
                gradient[0] += meanZ - row[label]
                for k in p.indices { gradient[1 + k] += p[k] - (k == label ? 1 : 0) }
                // Hessian Jᵀ (diag p − p pᵀ) J with J = [z | I]: a covariance under p.
                for j in p.indices {
                    let sz = p[j] * (row[j] - meanZ)  // (S z)_j
                    hessian[0][1 + j] += sz
                    hessian[1 + j][0] += sz
                    hessian[0][0] += p[j] * (row[j] - meanZ) * (row[j] - meanZ)
                    for k in p.indices { hessian[1 + j][1 + k] += (j == k ? p[j] : 0) - p[j] * p[k] }
                }
            }
            let sum = theta.dropFirst().reduce(0, +)
            for i in 0..<size {
                gradient[i] = gradient[i] / n + (i > 0 ? sum : 0)
                for j in 0..<size { hessian[i][j] = hessian[i][j] / n + (i > 0 && j > 0 ? 1 : 0) }
            }
            guard let step = solve(hessian, gradient) else { break }
            var scale = 1.0
            var accepted = false
            while scale > 1e-6 {
                var candidate = zip(theta, step).map { $0 - scale * $1 }
                // β stays in fitTemperature's range: on rows the logits already separate,
                // the NLL keeps falling as T → 0 and would otherwise take T with it.
                candidate[0] = min(max(candidate[0], betaRange.lowerBound), betaRange.upperBound)
                if case let value = loss(candidate), value <= current {
                    accepted = value < current
                    theta = candidate
                    current = value
                    break
                }
                scale /= 2
            }
            if !accepted || step.map(abs).max()! * scale < 1e-9 { break }
        }
        return (Float(1 / theta[0]), theta.dropFirst().map { Float($0) })
    }

    /// x with A x = b (Gaussian elimination with partial pivoting); nil when A is singular.
    private static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var x = b
        let size = b.count
        for column in 0..<size {
            let pivot = (column..<size).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            guard abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            x.swapAt(column, pivot)
            for row in (column + 1)..<size {
                let factor = m[row][column] / m[column][column]
                for k in column..<size { m[row][k] -= factor * m[column][k] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: size - 1, through: 0, by: -1) {
            let known = ((row + 1)..<size).reduce(0) { $0 + m[row][$1] * x[$1] }
            x[row] = (x[row] - known) / m[row][row]
        }
        return x
    }

    /// Mean −log softmax(z / T + c)_y (c: `offsets`, none for temperature alone), computed
    /// in Double from the logits (stable for any confidence: log-sum-exp with the row's
    /// maximum subtracted).
    public static func negativeLogLikelihood(logits: [[Float]], truth: [Int], temperature: Double,
                                             offsets: ArraySlice<Double> = []) -> Double {
        guard !logits.isEmpty else { return 0 }
        var total = 0.0
        for (row, label) in zip(logits, truth) {
            let scaled = offsets.isEmpty
                ? row.map { Double($0) / temperature }
                : zip(row, offsets).map { Double($0) / temperature + $1 }
            let top = scaled.max()!
            let logSum = top + log(scaled.reduce(0) { $0 + exp($1 - top) })
            total += logSum - scaled[label]
        }
        return total / Double(logits.count)
    }

    /// softmax(z / T + c) of each row (c: `offsets`, none for temperature alone), computed
    /// as the classifier computes it.
    public static func probabilities(logits: [[Float]], temperature: Float, offsets: [Float] = []) -> [[Float]] {
        precondition(offsets.isEmpty || offsets.count == logits.first?.count, "one offset per class")
        return logits.map { row in
            let scaled = offsets.isEmpty ? row.map { $0 / temperature } : zip(row, offsets).map { $0 / temperature + $1 }
            var result = [Float](repeating: 0, count: row.count)
            result.withUnsafeMutableBufferPointer { p in
                scaled.withUnsafeBufferPointer { z in
                    SoftmaxCrossEntropy.softmax(probabilities: p.baseAddress!, logits: z.baseAddress!, rows: 1, classes: row.count)
                }
            }
            return result
        }
    }
}

/// One equal-width confidence bin: the examples whose top probability falls in
/// (lower, upper] (the first bin also takes 0).
public struct ReliabilityBin: Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    /// Mean top probability of the bin's examples (0 when empty).
    public var meanConfidence: Double
    /// Fraction of the bin's examples whose top class is the true one (0 when empty).
    public var accuracy: Double
}

/// How well probabilities match outcomes on a labeled set.
public struct CalibrationMetrics: Equatable, Sendable {
    /// Expected calibration error: Σ_b (n_b / N) |accuracy_b − confidence_b| over
    /// `Calibration.binCount` equal-width bins of the top probability.
    public let expectedCalibrationError: Double
    /// Mean −log p_y (p_y floored at 1e-12, so a confident mistake costs at most 27.6).
    public let negativeLogLikelihood: Double
    /// Mean Σ_k (p_k − [k = y])², the multi-class Brier score (0 best, 2 worst).
    public let brierScore: Double
    public let bins: [ReliabilityBin]

    /// - Parameters: `probabilities` (N, K) rows; `truth` the class index of each row.
    public init(probabilities: [[Float]], truth: [Int], binCount: Int = Calibration.binCount) {
        precondition(probabilities.count == truth.count, "one label per row of probabilities")
        var counts = [Int](repeating: 0, count: binCount)
        var confidenceSums = [Double](repeating: 0, count: binCount)
        var correctCounts = [Int](repeating: 0, count: binCount)
        var nll = 0.0, brier = 0.0
        for (row, label) in zip(probabilities, truth) {
            let best = argmax(row)
            let confidence = Double(row[best])
            let bin = min(binCount - 1, max(0, Int((confidence * Double(binCount)).rounded(.up)) - 1))
            counts[bin] += 1
            confidenceSums[bin] += confidence
            if best == label { correctCounts[bin] += 1 }
            nll -= log(max(Double(row[label]), 1e-12))
            for k in row.indices {
                let error = Double(row[k]) - (k == label ? 1 : 0)
                brier += error * error
            }
        }
        let n = Double(max(1, probabilities.count))
        bins = (0..<binCount).map { b in
            ReliabilityBin(
                lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: counts[b],
                meanConfidence: counts[b] == 0 ? 0 : confidenceSums[b] / Double(counts[b]),
                accuracy: counts[b] == 0 ? 0 : Double(correctCounts[b]) / Double(counts[b]))
        }
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.count) / n * abs($1.accuracy - $1.meanConfidence) }
        negativeLogLikelihood = nll / n
        brierScore = brier / n
    }
}
