import Tensor

/// One direction of one simple (Elman) RNN layer, exactly PyTorch's `nn.RNN` with tanh:
///
///     h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)
///
/// The cell whose gradient vanishes: ∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh, a product of
/// such factors over every step between a token and the loss.
///
/// Dimension letters: B batch, N packed tokens, I input size, H hidden size (G = H).
public final class SimpleRNN: RecurrentDirection {
    public var kind: CellKind { .rnn }
    public let isReverse: Bool
    /// weight_ih (H, I), weight_hh (H, H), bias_ih (H), bias_hh (H).
    public let weights: RecurrentWeights
    /// Set to record ‖∂L/∂h_t‖ per token in backward (`bench gradients`); nil in training.
    public var stateGradientRecorder: StateGradientRecorder?

    /// (N, H) pre-activations, then h_t, kept for backward.
    private let activations = WorkspaceBuffer()
    /// (H) b_ih + b_hh.
    private let biasSum = WorkspaceBuffer()
    /// (N, H) ∂L/∂a.
    private let gradients = WorkspaceBuffer()
    /// (B, H) ∂L/∂h_{t−1} carried from one step to the one before.
    private let carriedHiddenGradient = WorkspaceBuffer()
    /// (N, H) h_{t−1} gathered per packed row, for ∂L/∂W_hh.
    private let previousHidden = WorkspaceBuffer()
    /// (R, G) the input projection of each input row; in backward of a first layer, whose
    /// tokens share rows, the per-row sums of ∂L/∂ of it.
    private let projectedRows = WorkspaceBuffer()
    /// W_hh packed for the steps' products, once per pass.
    private let stepWeights = PanelMatrix()
    /// (B, H) one step's step product, then h_t, in `infer`.
    private let stepActivations = WorkspaceBuffer()

    public init(weights: RecurrentWeights, isReverse: Bool) {
        precondition(weights.gateCount == weights.hiddenSize, "a simple RNN has H pre-activations")
        self.weights = weights
        self.isReverse = isReverse
    }

    public func forward(output: UnsafeMutablePointer<Float>, outputStride: Int,
                        input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, a = activations.reserve(layout.tokenCount * h)
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { a + $0.offset * h }) { _, step, a, projections in
            rnnCellForward(activations: a, projections: projections, hidden: output + step.offset * outputStride,
                           hiddenStride: outputStride, previousRows: step.previousRows, rows: step.rows,
                           hiddenSize: h)
        }
    }

    public func infer(output: UnsafeMutablePointer<Float>, outputStride: Int,
                      input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, a = stepActivations.reserve(layout.batchSize * h)
        ProjectedSteps.run(output: output, outputStride: outputStride, input: input, layout: layout,
                           isReverse: isReverse, weights: weights, bias: weights.summedBias(into: biasSum),
                           projected: projectedRows, stepWeights: stepWeights,
                           gatesOf: { _ in a }) { _, step, a, projections in
            rnnCellForward(activations: a, projections: projections, hidden: output + step.offset * outputStride,
                           hiddenStride: outputStride, previousRows: step.previousRows, rows: step.rows,
                           hiddenSize: h)
        }
    }

    public func backward(inputGradient: UnsafeMutablePointer<Float>,
                         outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
                         output: UnsafePointer<Float>, outputStride: Int,
                         input: RecurrentInput, layout: PackedLayout) {
        let h = hiddenSize, n = layout.tokenCount
        let hidden = activations.pointer
        let da = gradients.reserve(n * h)
        let dhCarried = carriedHiddenGradient.reserve(layout.batchSize * h)
        let previous = previousHidden.reserve(n * h)
        weights.loadRecurrentForBackward(into: stepWeights)
        for index in stride(from: layout.maxLength - 1, through: 0, by: -1) {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            stateGradientRecorder?.record(step: step, tokenCount: n,
                                          outputGradient: outputGradient + step.offset * outputGradientStride,
                                          outputGradientStride: outputGradientStride, carried: dhCarried, hiddenSize: h)
            rnnCellBackward(gradients: da + step.offset * h,
                            hiddenGradient: outputGradient + step.offset * outputGradientStride,
                            hiddenGradientStride: outputGradientStride,
                            carriedHiddenGradient: step.carriedRows > 0 ? UnsafePointer(dhCarried) : nil,
                            carriedRows: step.carriedRows, activations: hidden + step.offset * h,
                            rows: step.rows, hiddenSize: h)
            if step.previousRows > 0 {
                // dh_{t−1} (continuing rows) = da·W_hh
                stepWeights.multiply(m: step.previousRows, a: da + step.offset * h, lda: h,
                                     accumulate: false, c: dhCarried, ldc: h)
            }
        }
        // b_ih and b_hh both enter a, so both receive Σ_rows da.
        RecurrentProjections.weightsBackward(weights, inputGradient: inputGradient, gateGradients: da,
                                             input: input, output: output, outputStride: outputStride,
                                             previousHidden: previous, shared: projectedRows,
                                             layout: layout, isReverse: isReverse)
    }

    public func gateTrace(row: Int) -> GateTrace { GateTrace() }
}
