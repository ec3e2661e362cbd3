import CKernels

/// The element-wise part of one simple-RNN time step, PyTorch's `nn.RNN` with tanh:
/// h_t = tanh(a), a = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh (Sources/CKernels/rnn_cell.c).
/// Dimension letters: R rows active at this step, H hidden size.

/// Forward: a = the row's input projection W_ih·x_t + b_ih + b_hh (`projections`) plus,
/// for rows `0..<previousRows`, h_{t−1}·W_hhᵀ, which `activations` (R, H) holds for them;
/// out: h_t (kept for backward), also written to `hidden` (R, hiddenStride).
public func rnnCellForward(activations: UnsafeMutablePointer<Float>, projections: ProjectionRows,
                           hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
                           previousRows: Int, rows: Int, hiddenSize: Int) {
    ck_rnn_cell_forward(activations, projections.rows, projections.index, hidden, hiddenStride, previousRows,
                        rows, hiddenSize)
}

/// Backward: da = (dh_out + dh_rec) ⊙ (1 − h_t²), where rows `0..<carriedRows` have dh_rec.
///
/// - Parameters:
///   - gradients: (R, H) out: ∂L/∂a.
///   - hiddenGradient: (R, hiddenGradientStride) ∂L/∂h_t from above.
///   - carriedHiddenGradient: (carriedRows, H) dh_rec; nil if none.
///   - activations: (R, H) h_t from forward.
public func rnnCellBackward(gradients: UnsafeMutablePointer<Float>,
                            hiddenGradient: UnsafePointer<Float>, hiddenGradientStride: Int,
                            carriedHiddenGradient: UnsafePointer<Float>?, carriedRows: Int,
                            activations: UnsafePointer<Float>, rows: Int, hiddenSize: Int) {
    ck_rnn_cell_backward(gradients, hiddenGradient, hiddenGradientStride, carriedHiddenGradient, carriedRows,
                         activations, rows, hiddenSize)
}
