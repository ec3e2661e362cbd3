import Foundation
import NN

/// Confidence that means what it says: temperature scaling (Guo et al., 2017) and the
/// measures of calibration `eval` reports.
///
/// Dimension letters: N examples, K classes. Logits and probabilities are (N, K) rows.
public enum Calibration {
    /// Equal-width confidence bins of the expected calibration error and the diagram.
    public static let binCount = 15

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
        var low = 1.0 / 20, high = 20.0
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

    /// Mean −log softmax(z / T)_y, computed in Double from the logits (stable for any
    /// confidence: log-sum-exp with the row's maximum subtracted).
    public static func negativeLogLikelihood(logits: [[Float]], truth: [Int], temperature: Double) -> Double {
        guard !logits.isEmpty else { return 0 }
        var total = 0.0
        for (row, label) in zip(logits, truth) {
            let scaled = row.map { Double($0) / temperature }
            let top = scaled.max()!
            let logSum = top + log(scaled.reduce(0) { $0 + exp($1 - top) })
            total += logSum - scaled[label]
        }
        return total / Double(logits.count)
    }

    /// softmax(z / T) of each row, computed as the classifier computes it.
    public static func probabilities(logits: [[Float]], temperature: Float) -> [[Float]] {
        logits.map { row in
            let scaled = row.map { $0 / temperature }
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
