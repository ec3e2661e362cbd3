import Foundation

/// Gauss–Legendre quadrature on [0, 1]: m nodes and weights that integrate polynomials
/// of degree < 2m exactly. Integrated gradients integrates a smooth function of the
/// path position α, so m = 32 nodes reach far below the 1% completeness bound that a
/// 32-step Riemann sum only sometimes meets.
public enum GaussLegendre {
    /// Nodes α_i in (0, 1), ascending, and weights w_i summing to 1.
    public static func unitInterval(nodes m: Int) -> (nodes: [Double], weights: [Double]) {
        precondition(m >= 1, "at least one node")
        var nodes = [Double](repeating: 0, count: m), weights = [Double](repeating: 0, count: m)
        for i in 0..<m {
            // Newton's method on P_m from the Chebyshev-like first guess of root i (on [−1, 1]).
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(m) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                // P_m(x) and P_m'(x) by the three-term recurrence.
                var p0 = 1.0, p1 = x
                for k in stride(from: 2, through: m, by: 1) {
                    let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                // (P_1 = x and P_0 = 1 when m = 1: the loop above did not run.)
                derivative = Double(m) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-15 { break }
            }
            // Map [−1, 1] → [0, 1]: α = (1 − x)/2 keeps α ascending as x descends.
            nodes[i] = (1 - x) / 2
            weights[i] = 1 / ((1 - x * x) * derivative * derivative)   // 2/((1−x²)P'²) · ½
        }
        return (nodes, weights)
    }
}
