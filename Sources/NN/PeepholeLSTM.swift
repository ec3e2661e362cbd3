import Tensor

/// One direction of one peephole-LSTM layer (Gers & Schmidhuber 2000): an LSTM whose
/// input and forget gates also look at the previous cell state and whose output gate
/// looks at the new one, through diagonal (per-unit) peephole weights:
///
///     a = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh                (gates i, f, g, o)
///     i = σ(a_i + p_i ⊙ c_{t−1})   f = σ(a_f + p_f ⊙ c_{t−1})   g = tanh(a_g)
///     c_t = f ⊙ c_{t−1} + i ⊙ g    o = σ(a_o + p_o ⊙ c_t)       h_t = o ⊙ tanh(c_t)
///
/// PyTorch has no such module; the state-dict names extend `nn.LSTM`'s with
/// `lstm.weight_ci{suffix}`, `lstm.weight_cf{suffix}`, `lstm.weight_co{suffix}` (H each),
/// and `scripts/torch_peephole.py` is the reference the golden fixtures come from.
///
/// Dimension letters: N packed tokens, I input size, H hidden size, G = 4H gates.
public final class PeepholeLSTM: RecurrentDirection {
    public var kind: CellKind { .peephole }
    public let isReverse: Bool
    /// weight_ih (G, I), weight_hh (G, H), bias_ih (G), bias_hh (G).
    public let weights: RecurrentWeights
    /// (H) p_i, p_f, p_o: `weight_ci`, `weight_cf`, `weight_co`.
    public let inputPeephole: Parameter
    public let forgetPeephole: Parameter
    public let outputPeephole: Parameter
    /// Set to record ‖∂L/∂h_t‖ per token in backward (`bench gradients`); nil in training.
    public var stateGradientRecorder: StateGradientRecorder?

    /// (N, G) activated gates i, f, g, o, kept for backward.
    private let gates = WorkspaceBuffer()
    /// (N, H) cell states c_t, kept for backward.
    private let cells = WorkspaceBuffer()
    /// (N, H) tanh(c_t), kept for backward.
    private let cellTanhs = WorkspaceBuffer()
    /// (G) b_ih + b_hh.
    private let biasSum = WorkspaceBuffer()
    /// (3H) p_i ∥ p_f ∥ p_o, contiguous for the kernel, and their gradient.
    private let peepholes = WorkspaceBuffer()
    private let peepholeGradients = WorkspaceBuffer()
    /// (N, G) ∂L/∂a.
    private let gateGradients = WorkspaceBuffer()
    /// (B, H) ∂L/∂c and ∂L/∂h carried from one step to the one before.
    private let carriedCellGradient = WorkspaceBuffer()
    private let carriedHiddenGradient = WorkspaceBuffer()
    /// (N, H) h_{t−1} gathered per packed row, for ∂L/∂W_hh.
    private let previousHidden = WorkspaceBuffer()
    /// (R, G) the input projection of each input row; in backward of a first layer, whose
    /// tokens share rows, the per-row sums of ∂L/∂ of it.
    private let projectedRows = WorkspaceBuffer()
    /// W_hh packed for the steps' products, once per pass.
    private let stepWeights = PanelMatrix()
    /// `infer`'s buffers, one step long: (B, G) gates, (B, H) tanh(c_t), and (B, H) c_t of
    /// even and odd steps, each step reading the other's.
    private let stepGates = WorkspaceBuffer()
    private let stepCellTanh = WorkspaceBuffer()
    private let stepCells = [WorkspaceBuffer(), WorkspaceBuffer()]

    /// The peepholes start like every other PyTorch LSTM tensor, uniform(−1/√H, 1/√H).
    public init(weights: RecurrentWeights, isReverse: Bool, initialization: Initialization,
                generator: inout SeededGenerator) {
        precondition(weights.gateCount == 4 * weights.hiddenSize, "a peephole LSTM has 4H gates")
        self.weights = weights
        self.isReverse = isReverse
        let h = weights.hiddenSize
        inputPeephole = Parameter(name: weights.name("weight_ci"), shape: [h])
        forgetPeephole = Parameter(name: weights.name("weight_cf"), shape: [h])
        outputPeephole = Parameter(name: weights.name("weight_co"), shape: [h])
        guard case .pytorchDefault = initialization else { return }
        let bound = 1 / Float(h).squareRoot()
        for parameter in [inputPeephole, forgetPeephole, outputPeephole] {
            parameter.initializeUniform(bound: bound, generator: &generator)
        }
    }

    /// weight_ih, weight_hh, bias_ih, bias_hh, weight_ci, weight_cf, weight_co.
    public var parameters: [Parameter] { weights.parameters + [inputPeephole, forgetPeephole, outputPeephole] }

    /// (3H) p_i ∥ p_f ∥ p_o in `peepholes`, for the kernels.
    private func packedPeepholes() -> UnsafeMutablePointer<Float> {
        let h = hiddenSize, p = peepholes.reserve(3 * h)
        p.update(from: inputPeephole.valuePointer, count: h)
        (p + h).update(from: forgetPeephole.valuePointer, count: h)
        (p + 2 * h).update(from: outputPeephole.valuePointer, count: h)
        return p
    }

    public func forward(output: UnsafeMutablePointer<Float>, outputStride: Int,
                        input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount
        let a = gates.reserve(n * g), c = cells.reserve(n * h), tc = cellTanhs.reserve(n * h)
        let p = packedPeepholes()
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { a + $0.offset * g }) { _, step, a, projections in
            peepholeCellForward(gates: a, projections: projections, cell: c + step.offset * h,
                                cellTanh: tc + step.offset * h,
                                hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                                previousCell: step.previousRows > 0 ? c + step.previousOffset * h : nil,
                                previousRows: step.previousRows, peepholes: p, rows: step.rows, hiddenSize: h)
        }
    }

    public func infer(output: UnsafeMutablePointer<Float>, outputStride: Int,
                      input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, b = layout.batchSize, p = packedPeepholes()
        let a = stepGates.reserve(b * 4 * h), tc = stepCellTanh.reserve(b * h)
        let cells = stepCells.map { $0.reserve(b * h) }
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { _ in a }) { index, step, a, projections in
            peepholeCellForward(gates: a, projections: projections, cell: cells[index % 2], cellTanh: tc,
                                hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                                previousCell: step.previousRows > 0 ? cells[(index + 1) % 2] : nil,
                                previousRows: step.previousRows, peepholes: p, rows: step.rows, hiddenSize: h)
        }
    }

    public func backward(inputGradient: UnsafeMutablePointer<Float>,
                         outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
                         output: UnsafePointer<Float>, outputStride: Int,
                         input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount
        let a = gates.pointer, c = cells.pointer, tc = cellTanhs.pointer, p = peepholes.pointer
        let da = gateGradients.reserve(n * g)
        let dp = peepholeGradients.reserve(3 * h)
        let dc = carriedCellGradient.reserve(layout.batchSize * h)
        let dhCarried = carriedHiddenGradient.reserve(layout.batchSize * h)
        let previous = previousHidden.reserve(n * h)
        weights.loadRecurrentForBackward(into: stepWeights)
        dp.update(repeating: 0, count: 3 * h)
        for index in stride(from: layout.maxLength - 1, through: 0, by: -1) {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            stateGradientRecorder?.record(step: step, tokenCount: n,
                                          outputGradient: outputGradient + step.offset * outputGradientStride,
                                          outputGradientStride: outputGradientStride, carried: dhCarried, hiddenSize: h)
            peepholeCellBackward(gateGradients: da + step.offset * g, cellGradient: dc, peepholeGradients: dp,
                                 hiddenGradient: outputGradient + step.offset * outputGradientStride,
                                 hiddenGradientStride: outputGradientStride,
                                 carriedHiddenGradient: step.carriedRows > 0 ? UnsafePointer(dhCarried) : nil,
                                 carriedRows: step.carriedRows,
                                 gates: a + step.offset * g, cell: c + step.offset * h,
                                 cellTanh: tc + step.offset * h,
                                 previousCell: step.previousRows > 0 ? c + step.previousOffset * h : nil,
                                 previousRows: step.previousRows, peepholes: p, rows: step.rows, hiddenSize: h)
            if step.previousRows > 0 {
                stepWeights.multiply(m: step.previousRows, a: da + step.offset * g, lda: g,
                                     accumulate: false, c: dhCarried, ldc: h)
            }
        }
        addInPlace(inputPeephole.gradientPointer, dp, count: h)
        addInPlace(forgetPeephole.gradientPointer, dp + h, count: h)
        addInPlace(outputPeephole.gradientPointer, dp + 2 * h, count: h)
        // b_ih and b_hh both enter a, so both receive Σ_rows da.
        RecurrentProjections.weightsBackward(weights, inputGradient: inputGradient, gateGradients: da,
                                             input: input, output: output, outputStride: outputStride,
                                             previousHidden: previous, shared: projectedRows,
                                             layout: layout, isReverse: isReverse)
    }

    public func gateTrace(row: Int) -> GateTrace {
        lstmGateTrace(gates: gates.pointer, cells: cells.pointer, row: row, hiddenSize: hiddenSize)
    }
}
