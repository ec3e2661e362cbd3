/// Records ‖∂L/∂h_t‖ at every packed row during a direction's backward pass: the
/// gradient reaching each hidden state, from the layer above at that token plus what the
/// step after carried back. `bench gradients` plots it against the distance from where
/// the loss enters to show how fast each cell's gradient vanishes.
///
/// Off (nil) in training; a cell with a recorder calls `record` once per step, before its
/// kernel consumes the carried gradient.
public final class StateGradientRecorder {
    /// (N) ‖∂L/∂h_t‖ per packed row of the last backward.
    public private(set) var norms: [Float] = []

    public init() {}

    /// Records one step's rows: ∂L/∂h_t = outputGradient row + (rows < carriedRows) carried row.
    ///
    /// - Parameters:
    ///   - outputGradient: (rows, outputGradientStride) ∂L/∂h_t from above, this step's rows.
    ///   - carried: (carriedRows, H) the gradient carried back from the step after.
    func record(step: RecurrentStep, tokenCount: Int, outputGradient: UnsafePointer<Float>,
                outputGradientStride: Int, carried: UnsafePointer<Float>, hiddenSize h: Int) {
        if norms.count != tokenCount { norms = [Float](repeating: 0, count: tokenCount) }
        for row in 0..<step.rows {
            var sum: Double = 0
            let fromAbove = outputGradient + row * outputGradientStride
            for j in 0..<h {
                let total = fromAbove[j] + (row < step.carriedRows ? carried[row * h + j] : 0)
                sum += Double(total) * Double(total)
            }
            norms[step.offset + row] = Float(sum.squareRoot())
        }
    }
}
