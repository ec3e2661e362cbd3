import CKernels

/// The fused, vectorized element-wise part of one LSTM time step, forward and backward
/// (implemented in Sources/CKernels/kernels.c, compiled per instruction set).
///
/// Dimension letters: R rows (sequences active at this step), H hidden size,
/// G = 4H gate pre-activations in PyTorch's order i, f, g, o.
///
///     i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
///     c_t = f ⊙ c_{t−1} + i ⊙ g        h_t = o ⊙ tanh(c_t)
///
/// Rows are sorted by sequence length (longest first), so the rows that carry a state
/// from the previous step are always a prefix `0..<previousRows`; the rest start from
/// h = c = 0 (the reverse direction picks up each sequence at its own last token).

/// Forward: a = the row's input projection + (continuing rows) the step product; writes
/// the activated gates over the step product, and the new cell and hidden states.
///
/// - Parameters:
///   - gates: (R, G) in: rows `0..<previousRows` hold h_{t−1}·W_hhᵀ (the other rows are
///     not read); out: activated i, f, g, o (kept for backward).
///   - projections: each row's input projection W_ih·x_t + b_ih + b_hh.
///   - cell: (R, H) out: c_t.
///   - cellTanh: (R, H) out: tanh(c_t) (kept for backward).
///   - hidden: (R, hiddenStride) out: h_t in the first H columns of each row.
///   - previousCell: (previousRows, H) c_{t−1}; nil when `previousRows == 0`.
///   - previousRows: how many leading rows continue from the previous step.
///   - rows: R.
///   - hiddenSize: H.
public func lstmCellForward(
    gates: UnsafeMutablePointer<Float>, projections: ProjectionRows,
    cell: UnsafeMutablePointer<Float>,
    cellTanh: UnsafeMutablePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    previousCell: UnsafePointer<Float>?, previousRows: Int,
    rows: Int, hiddenSize: Int
) {
    ck_lstm_cell_forward(gates, projections.rows, projections.index, cell, cellTanh, hidden, hiddenStride,
                         previousCell, previousRows, rows, hiddenSize)
}

/// Backward through one step's element-wise part.
///
///     dh = dh_out + dh_rec                dc = dc_rec + dh ⊙ o ⊙ (1 − tanh²c_t)
///     da_i = dc ⊙ g ⊙ i(1−i)              da_f = dc ⊙ c_{t−1} ⊙ f(1−f)
///     da_g = dc ⊙ i ⊙ (1−g²)              da_o = dh ⊙ tanh(c_t) ⊙ o(1−o)
///     dc_{t−1} = dc ⊙ f
///
/// - Parameters:
///   - gateGradients: (R, G) out: ∂L/∂a.
///   - cellGradient: (R, H) in: rows `0..<carriedRows` hold dc_rec from the step after
///     (other rows: none); out: rows `0..<previousRows` hold dc_{t−1}.
///   - hiddenGradient: (R, hiddenGradientStride) ∂L/∂h_t from the layer above or pooling.
///   - carriedHiddenGradient: (carriedRows, H) dh_rec from the step after; nil if none.
///   - gates: (R, G) activated gates from forward.
///   - cellTanh: (R, H) tanh(c_t) from forward.
///   - previousCell: (previousRows, H) c_{t−1}; nil when `previousRows == 0`.
public func lstmCellBackward(
    gateGradients: UnsafeMutablePointer<Float>,
    cellGradient: UnsafeMutablePointer<Float>,
    hiddenGradient: UnsafePointer<Float>, hiddenGradientStride: Int,
    carriedHiddenGradient: UnsafePointer<Float>?, carriedRows: Int,
    gates: UnsafePointer<Float>,
    cellTanh: UnsafePointer<Float>,
    previousCell: UnsafePointer<Float>?, previousRows: Int,
    rows: Int, hiddenSize: Int
) {
    ck_lstm_cell_backward(gateGradients, cellGradient, hiddenGradient, hiddenGradientStride,
                          carriedHiddenGradient, carriedRows, gates, cellTanh, previousCell, previousRows,
                          rows, hiddenSize)
}
