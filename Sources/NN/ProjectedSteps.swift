import Tensor

/// The time loop of the cells whose step product adds to the input projection (the LSTM,
/// the peephole LSTM and the simple RNN), for `forward` and `infer` alike. (The GRU keeps
/// its recurrent projection apart and runs its own loop.)
///
/// The input projection X·W_ihᵀ + bias runs once over the input's R rows; then each step
/// writes h_{t−1}·W_hhᵀ of its continuing rows into the gates `gatesOf` gives it (W_hh
/// packed in `stepWeights`), and `cell` runs the cell's forward kernel on those gates and
/// the step's projection rows. `forward` gives each step its rows of an (N, G) buffer,
/// kept for backward; `infer` gives every step the same buffer one step long, so nothing
/// of size (N, G) is written and read back. Both run the same products and kernels, so
/// `infer`'s output is `forward`'s bit for bit.
///
/// Dimension letters: B batch, N packed tokens, R input rows, H hidden size, G gates.
enum ProjectedSteps {
    /// - Parameters:
    ///   - bias: (G) what every projection row starts from (b_ih + b_hh).
    ///   - projected: workspace for the (R, G) projections.
    ///   - stepWeights: workspace for W_hh packed for the steps' products.
    ///   - gatesOf: where a step's (rows, G) step product goes, then its activations.
    ///   - cell: runs step `index` of the loop on its gates and its tokens' projection rows.
    @inline(__always)
    static func run(output: UnsafeMutablePointer<Float>, outputStride: Int, input: RecurrentInput,
                    layout: PackedLayout, isReverse: Bool, weights: RecurrentWeights, bias: UnsafePointer<Float>,
                    projected: WorkspaceBuffer, stepWeights: PanelMatrix,
                    gatesOf: (RecurrentStep) -> UnsafeMutablePointer<Float>,
                    cell: (_ index: Int, _ step: RecurrentStep, _ gates: UnsafeMutablePointer<Float>,
                           _ projections: ProjectionRows) -> Void) {
        let projections = RecurrentProjections.inputForward(
            input: input, weight: weights.inputWeight.valuePointer, bias: bias, gateCount: weights.gateCount,
            inputSize: weights.inputSize, projected: projected)
        weights.loadRecurrentForForward(into: stepWeights)
        for index in 0..<layout.maxLength {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            let gates = gatesOf(step)
            if step.previousRows > 0 {
                // gates[continuing rows] = h_{t−1}·W_hhᵀ (the kernel adds the input projection)
                stepWeights.multiply(m: step.previousRows, a: output + step.previousOffset * outputStride,
                                     lda: outputStride, accumulate: false, c: gates, ldc: weights.gateCount)
            }
            cell(index, step, gates, projections.rows(of: step))
        }
    }
}
