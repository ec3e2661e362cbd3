import Tensor

/// The time loop of an answers-only pass (`RecurrentDirection.infer`) for the cells whose
/// step product adds to the input projection: the LSTM, the peephole LSTM and the simple
/// RNN. (The GRU keeps its recurrent projection apart and runs its own loop.)
///
/// The input projection X·W_ihᵀ + bias runs once over the input's R rows, as in `forward`;
/// then each step writes h_{t−1}·W_hhᵀ into `stepGates` (B, G) with the product `forward`
/// runs (W_hh packed in `stepWeights`), and `cell` runs the cell's forward kernel on that
/// buffer and the step's projection rows. Nothing of size (N, G) is written, and the
/// output is `forward`'s bit for bit.
///
/// Dimension letters: B batch, N packed tokens, R input rows, H hidden size, G gates.
enum InferenceSteps {
    /// - Parameters:
    ///   - bias: (G) what every projection row starts from (b_ih + b_hh).
    ///   - projected: workspace for the (R, G) projections.
    ///   - stepGates: workspace for one step's (B, G) step product, then activations.
    ///   - stepWeights: workspace for W_hh packed for the steps' products.
    ///   - cell: runs step `index` of the loop on its (rows, G) step product and its
    ///     tokens' projection rows.
    static func run(output: UnsafeMutablePointer<Float>, outputStride: Int, input: RecurrentInput,
                    layout: PackedLayout, isReverse: Bool, weights: RecurrentWeights, bias: UnsafePointer<Float>,
                    projected: WorkspaceBuffer, stepGates: WorkspaceBuffer, stepWeights: PanelMatrix,
                    cell: (_ index: Int, _ step: RecurrentStep, _ gates: UnsafeMutablePointer<Float>,
                           _ projections: ProjectionRows) -> Void) {
        let g = weights.gateCount
        let projections = RecurrentProjections.inputForward(
            input: input, weight: weights.inputWeight.valuePointer, bias: bias, gateCount: g,
            inputSize: weights.inputSize, projected: projected)
        let a = stepGates.reserve(layout.batchSize * g)
        weights.loadRecurrentForForward(into: stepWeights)
        for index in 0..<layout.maxLength {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            if step.previousRows > 0 {
                // a[continuing rows] = h_{t−1}·W_hhᵀ (the kernel adds the input projection)
                stepWeights.multiply(m: step.previousRows, a: output + step.previousOffset * outputStride,
                                     lda: outputStride, accumulate: false, c: a, ldc: g)
            }
            cell(index, step, a, projections.rows(of: step))
        }
    }
}
