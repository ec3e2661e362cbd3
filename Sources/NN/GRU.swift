import Tensor

/// One direction of one GRU layer, exactly PyTorch's `nn.GRU` cell:
///
///     x = W_ih·x_t + b_ih      h = W_hh·h_{t−1} + b_hh       (gates r, z, n)
///     r = σ(x_r + h_r)   z = σ(x_z + h_z)   n = tanh(x_n + r ⊙ h_n)
///     h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
///
/// Dimension letters: B batch, N packed tokens, I input size, H hidden size, G = 3H.
///
/// Unlike the LSTM, the two projections stay apart (r scales only the recurrent part of
/// n), so each step's recurrent product writes its own buffer, which backward keeps for h_n.
public final class GRU: RecurrentDirection {
    public var kind: CellKind { .gru }
    public let isReverse: Bool
    /// weight_ih (G, I), weight_hh (G, H), bias_ih (G), bias_hh (G).
    public let weights: RecurrentWeights
    /// Set to record ‖∂L/∂h_t‖ per token in backward (`bench gradients`); nil in training.
    public var stateGradientRecorder: StateGradientRecorder?

    /// (N, G) the activated gates r, z, n, kept for backward.
    private let gates = WorkspaceBuffer()
    /// (N, G) the recurrent projection h = W_hh·h_{t−1} + b_hh, kept for backward.
    private let recurrent = WorkspaceBuffer()
    /// (N, G) ∂L/∂x and ∂L/∂h.
    private let inputGateGradients = WorkspaceBuffer()
    private let recurrentGateGradients = WorkspaceBuffer()
    /// (B, H) ∂L/∂h_{t−1} carried from one step to the one before.
    private let carriedHiddenGradient = WorkspaceBuffer()
    /// (N, H) h_{t−1} gathered per packed row, for ∂L/∂W_hh.
    private let previousHidden = WorkspaceBuffer()
    /// (R, G) the input projection of each input row; in backward of a first layer, whose
    /// tokens share rows, the per-row sums of ∂L/∂ of it.
    private let projectedRows = WorkspaceBuffer()
    /// W_hh packed for the steps' products, once per pass.
    private let stepWeights = PanelMatrix()
    /// `infer`'s buffers, one step long: (B, G) the activated gates, and (B, G) h.
    private let stepGates = WorkspaceBuffer()
    private let stepRecurrent = WorkspaceBuffer()

    public init(weights: RecurrentWeights, isReverse: Bool) {
        precondition(weights.gateCount == 3 * weights.hiddenSize, "a GRU has 3H gates")
        self.weights = weights
        self.isReverse = isReverse
    }

    public func forward(output: UnsafeMutablePointer<Float>, outputStride: Int,
                        input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 3 * h, n = layout.tokenCount
        let activated = gates.reserve(n * g), rh = recurrent.reserve(n * g)
        let projections = RecurrentProjections.inputForward(
            input: input, weight: weights.inputWeight.valuePointer, bias: weights.inputBias.valuePointer,
            gateCount: g, inputSize: inputSize, projected: projectedRows)
        weights.loadRecurrentForForward(into: stepWeights)
        for index in 0..<layout.maxLength {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            let stepRecurrent = rh + step.offset * g
            let previous = output + step.previousOffset * outputStride
            projectRecurrent(into: stepRecurrent, step: step, previous: previous, previousStride: outputStride)
            gruCellForward(gates: activated + step.offset * g, projections: projections.rows(of: step),
                           recurrent: stepRecurrent,
                           hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                           previousHidden: step.previousRows > 0 ? UnsafePointer(previous) : nil,
                           previousStride: outputStride, previousRows: step.previousRows,
                           rows: step.rows, hiddenSize: h)
        }
    }

    /// recurrent (rows, G) = W_hh·h_{t−1} + b_hh for the rows of `step` (b_hh alone for
    /// the rows that start), where `previous` holds h_{t−1} of the continuing rows.
    private func projectRecurrent(into recurrent: UnsafeMutablePointer<Float>, step: RecurrentStep,
                                  previous: UnsafePointer<Float>, previousStride: Int) {
        let h = hiddenSize, g = 3 * h, bhh = weights.recurrentBias.valuePointer
        for row in 0..<step.rows {
            (recurrent + row * g).update(from: bhh, count: g)
        }
        if step.previousRows > 0 {
            // h[continuing rows] += h_{t−1}·W_hhᵀ
            stepWeights.multiply(m: step.previousRows, a: previous, lda: previousStride, accumulate: true,
                                 c: recurrent, ldc: g)
        }
    }

    public func infer(output: UnsafeMutablePointer<Float>, outputStride: Int,
                      input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 3 * h, b = layout.batchSize
        let projections = RecurrentProjections.inputForward(
            input: input, weight: weights.inputWeight.valuePointer, bias: weights.inputBias.valuePointer,
            gateCount: g, inputSize: inputSize, projected: projectedRows)
        let activated = stepGates.reserve(b * g), rh = stepRecurrent.reserve(b * g)
        weights.loadRecurrentForForward(into: stepWeights)
        for index in 0..<layout.maxLength {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            let previous = output + step.previousOffset * outputStride
            projectRecurrent(into: rh, step: step, previous: previous, previousStride: outputStride)
            gruCellForward(gates: activated, projections: projections.rows(of: step), recurrent: rh,
                           hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                           previousHidden: step.previousRows > 0 ? UnsafePointer(previous) : nil,
                           previousStride: outputStride, previousRows: step.previousRows,
                           rows: step.rows, hiddenSize: h)
        }
    }

    public func backward(inputGradient: UnsafeMutablePointer<Float>,
                         outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
                         output: UnsafePointer<Float>, outputStride: Int,
                         input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 3 * h, n = layout.tokenCount
        let activated = gates.pointer, rh = recurrent.pointer
        let dx = inputGateGradients.reserve(n * g), dh = recurrentGateGradients.reserve(n * g)
        let dhCarried = carriedHiddenGradient.reserve(layout.batchSize * h)
        let previous = previousHidden.reserve(n * h)
        weights.loadRecurrentForBackward(into: stepWeights)
        for index in stride(from: layout.maxLength - 1, through: 0, by: -1) {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            stateGradientRecorder?.record(step: step, tokenCount: n,
                                          outputGradient: outputGradient + step.offset * outputGradientStride,
                                          outputGradientStride: outputGradientStride, carried: dhCarried, hiddenSize: h)
            let previousOutput = output + step.previousOffset * outputStride
            gruCellBackward(inputGateGradients: dx + step.offset * g, recurrentGateGradients: dh + step.offset * g,
                            carriedHiddenGradient: dhCarried, carriedRows: step.carriedRows,
                            hiddenGradient: outputGradient + step.offset * outputGradientStride,
                            hiddenGradientStride: outputGradientStride,
                            gates: activated + step.offset * g, recurrent: rh + step.offset * g,
                            previousHidden: step.previousRows > 0 ? previousOutput : nil,
                            previousStride: outputStride, previousRows: step.previousRows,
                            rows: step.rows, hiddenSize: h)
            if step.previousRows > 0 {
                // dh_{t−1} (continuing rows) = dh ⊙ z (from the kernel) + ∂L/∂h·W_hh
                stepWeights.multiply(m: step.previousRows, a: dh + step.offset * g, lda: g, accumulate: true,
                                     c: dhCarried, ldc: h)
            }
        }
        RecurrentProjections.inputBackward(
            inputGradient: inputGradient, weightGradient: weights.inputWeight.gradientPointer,
            biasGradients: [weights.inputBias.gradientPointer], gateGradients: dx,
            input: input, weight: weights.inputWeight.valuePointer,
            tokenCount: n, gateCount: g, inputSize: inputSize, shared: projectedRows)
        addColumnSums(weights.recurrentBias.gradientPointer, of: dh, rows: n, columns: g)
        RecurrentProjections.recurrentWeightBackward(
            weightGradient: weights.recurrentWeight.gradientPointer, previousHidden: previous, gateGradients: dh,
            output: output, outputStride: outputStride, layout: layout, isReverse: isReverse,
            gateCount: g, hiddenSize: h)
    }

    public func gateTrace(row: Int) -> GateTrace {
        let h = hiddenSize, a = gates.pointer + row * 3 * h
        return GateTrace(reset: Array(UnsafeBufferPointer(start: a, count: h)),
                         update: Array(UnsafeBufferPointer(start: a + h, count: h)))
    }
}
