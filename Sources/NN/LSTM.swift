import Tensor

/// One direction of one LSTM layer, exactly PyTorch's `nn.LSTM` cell:
///
///     a = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh        (gates i, f, g, o)
///     c_t = σ(a_f) ⊙ c_{t−1} + σ(a_i) ⊙ tanh(a_g)      h_t = σ(a_o) ⊙ tanh(c_t)
///
/// Dimension letters: B batch, T time, N packed tokens (see `PackedLayout`), I input
/// size, H hidden size, G = 4H gates.
///
/// Work per batch: the input projection of all N tokens is one GEMM; each time step is
/// one (rows × H)·(H × G) product on the sequences still active, by W_hhᵀ packed once
/// for the pass (`PanelMatrix`), plus one fused gate kernel (`lstmCellForward`).
public final class LSTM: RecurrentDirection {
    public var kind: CellKind { .lstm }
    public let isReverse: Bool
    /// weight_ih (G, I), weight_hh (G, H), bias_ih (G), bias_hh (G).
    public let weights: RecurrentWeights
    /// Set to record ‖∂L/∂h_t‖ per token in backward (`bench gradients`); nil in training.
    public var stateGradientRecorder: StateGradientRecorder?

    /// (N, G) activated gates i, f, g, o, kept for backward.
    private let gates = WorkspaceBuffer()
    /// (N, H) cell states c_t, kept for backward (and c_{t−1} of the next step).
    private let cells = WorkspaceBuffer()
    /// (N, H) tanh(c_t), kept for backward.
    private let cellTanhs = WorkspaceBuffer()
    /// (G) b_ih + b_hh.
    private let biasSum = WorkspaceBuffer()
    /// (N, G) ∂L/∂a.
    private let gateGradients = WorkspaceBuffer()
    /// (B, H) ∂L/∂c carried from one step to the one before.
    private let carriedCellGradient = WorkspaceBuffer()
    /// (B, H) ∂L/∂h carried through W_hh from one step to the one before.
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

    public init(weights: RecurrentWeights, isReverse: Bool) {
        precondition(weights.gateCount == 4 * weights.hiddenSize, "an LSTM has 4H gates")
        self.weights = weights
        self.isReverse = isReverse
    }

    public func forward(output: UnsafeMutablePointer<Float>, outputStride: Int,
                        input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount
        let a = gates.reserve(n * g), c = cells.reserve(n * h), tc = cellTanhs.reserve(n * h)
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { a + $0.offset * g }) { _, step, a, projections in
            lstmCellForward(gates: a, projections: projections, cell: c + step.offset * h,
                            cellTanh: tc + step.offset * h,
                            hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                            previousCell: step.previousRows > 0 ? c + step.previousOffset * h : nil,
                            previousRows: step.previousRows, rows: step.rows, hiddenSize: h)
        }
    }

    public func infer(output: UnsafeMutablePointer<Float>, outputStride: Int,
                      input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, b = layout.batchSize
        let a = stepGates.reserve(b * 4 * h), tc = stepCellTanh.reserve(b * h)
        let cells = stepCells.map { $0.reserve(b * h) }
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { _ in a }) { index, step, a, projections in
            lstmCellForward(gates: a, projections: projections, cell: cells[index % 2], cellTanh: tc,
                            hidden: output + step.offset * outputStride, hiddenStride: outputStride,
                            previousCell: step.previousRows > 0 ? cells[(index + 1) % 2] : nil,
                            previousRows: step.previousRows, rows: step.rows, hiddenSize: h)
        }
    }

    public func backward(inputGradient: UnsafeMutablePointer<Float>,
                         outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
                         output: UnsafePointer<Float>, outputStride: Int,
                         input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount
        let a = gates.pointer, c = cells.pointer, tc = cellTanhs.pointer
        let da = gateGradients.reserve(n * g)
        let dc = carriedCellGradient.reserve(layout.batchSize * h)
        let dhCarried = carriedHiddenGradient.reserve(layout.batchSize * h)
        let previous = previousHidden.reserve(n * h)
        weights.loadRecurrentForBackward(into: stepWeights)
        // Steps in the reverse of the order forward ran them.
        for index in stride(from: layout.maxLength - 1, through: 0, by: -1) {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            stateGradientRecorder?.record(step: step, tokenCount: n,
                                          outputGradient: outputGradient + step.offset * outputGradientStride,
                                          outputGradientStride: outputGradientStride, carried: dhCarried, hiddenSize: h)
            lstmCellBackward(gateGradients: da + step.offset * g, cellGradient: dc,
                             hiddenGradient: outputGradient + step.offset * outputGradientStride,
                             hiddenGradientStride: outputGradientStride,
                             carriedHiddenGradient: step.carriedRows > 0 ? UnsafePointer(dhCarried) : nil,
                             carriedRows: step.carriedRows,
                             gates: a + step.offset * g, cellTanh: tc + step.offset * h,
                             previousCell: step.previousRows > 0 ? c + step.previousOffset * h : nil,
                             previousRows: step.previousRows, rows: step.rows, hiddenSize: h)
            if step.previousRows > 0 {
                // dh_{t−1} (continuing rows) = da·W_hh
                stepWeights.multiply(m: step.previousRows, a: da + step.offset * g, lda: g, accumulate: false,
                                     c: dhCarried, ldc: h)
            }
        }
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

/// The trace of an LSTM-family cell at packed row `row`: its activated i, f, o gates
/// ((N, 4H) in the order i, f, g, o) and its cell state ((N, H)). The peephole LSTM keeps
/// the same buffers.
func lstmGateTrace(gates: UnsafePointer<Float>, cells: UnsafePointer<Float>, row: Int, hiddenSize h: Int) -> GateTrace {
    let a = gates + row * 4 * h
    return GateTrace(input: Array(UnsafeBufferPointer(start: a, count: h)),
                     forget: Array(UnsafeBufferPointer(start: a + h, count: h)),
                     output: Array(UnsafeBufferPointer(start: a + 3 * h, count: h)),
                     cell: Array(UnsafeBufferPointer(start: cells + row * h, count: h)))
}
