import Tensor

/// The time loop of an answers-only pass (`RecurrentDirection.infer`) for the cells whose
/// step product adds into the gates: the LSTM, the peephole LSTM and the simple RNN. (The GRU
/// keeps its recurrent projection apart and runs its own loop on the same two helpers.)
///
/// The input projection X·W_ihᵀ + bias runs once over the input's R rows; then each step
/// copies its tokens' rows into `stepGates` (B, G), adds h_{t−1}·W_hhᵀ with the product
/// `forward` runs (W_hh packed in `stepWeights`), and hands that buffer to `cell`, which runs the cell's forward kernel
/// on it. Nothing of size (N, G) is written, and the output is `forward`'s bit for bit.
///
/// Dimension letters: B batch, N packed tokens, R input rows, H hidden size, G gates.
enum InferenceSteps {
    /// - Parameters:
    ///   - bias: (G) what every projection row starts from (b_ih + b_hh).
    ///   - projected: workspace for the (R, G) projections.
    ///   - stepGates: workspace for one step's (B, G) pre-activations.
    ///   - stepWeights: workspace for W_hh packed for the steps' products.
    ///   - cell: runs step `index` of the loop on its (rows, G) pre-activations.
    static func run(output: UnsafeMutablePointer<Float>, outputStride: Int, input: RecurrentInput,
                    layout: PackedLayout, isReverse: Bool, weights: RecurrentWeights, bias: UnsafePointer<Float>,
                    projected: WorkspaceBuffer, stepGates: WorkspaceBuffer, stepWeights: PanelMatrix,
                    cell: (_ index: Int, _ step: RecurrentStep, _ gates: UnsafeMutablePointer<Float>) -> Void) {
        let g = weights.gateCount
        let rows = projected.reserve(input.rowCount * g)
        RecurrentProjections.projectRows(into: rows, input: input, weight: weights.inputWeight.valuePointer,
                                         bias: bias, gateCount: g, inputSize: weights.inputSize)
        let a = stepGates.reserve(layout.batchSize * g)
        weights.loadRecurrentForForward(into: stepWeights)
        for index in 0..<layout.maxLength {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            RecurrentProjections.copyProjections(of: step, into: a, projected: rows, input: input, gateCount: g)
            if step.previousRows > 0 {
                // a[continuing rows] += h_{t−1}·W_hhᵀ
                stepWeights.multiply(m: step.previousRows, a: output + step.previousOffset * outputStride,
                                     lda: outputStride, accumulate: true, c: a, ldc: g)
            }
            cell(index, step, a)
        }
    }
}
