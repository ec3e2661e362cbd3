import CKernels

/// The fused element-wise part of one peephole-LSTM time step (Gers & Schmidhuber 2000),
/// forward and backward (Sources/CKernels/peephole_cell.c).
///
/// Dimension letters: R rows active at this step, H hidden size, G = 4H gates i, f, g, o.
/// The peepholes are diagonal: p = (p_i, p_f, p_o), 3H values.
///
///     i = σ(a_i + p_i ⊙ c_{t−1})   f = σ(a_f + p_f ⊙ c_{t−1})   g = tanh(a_g)
///     c_t = f ⊙ c_{t−1} + i ⊙ g    o = σ(a_o + p_o ⊙ c_t)       h_t = o ⊙ tanh(c_t)
///
/// As for the LSTM, rows `0..<previousRows` continue from the previous step and the
/// others start from h = c = 0.

/// Forward: a = the row's input projection + (continuing rows) the step product; writes
/// the activated gates over the step product, and c_t, tanh(c_t) and h_t.
///
/// - Parameters:
///   - gates: (R, G) in: rows `0..<previousRows` hold h_{t−1}·W_hhᵀ (the other rows are
///     not read); out: i, f, g, o (kept for backward).
///   - projections: each row's input projection W_ih·x_t + b_ih + b_hh.
///   - cell: (R, H) out: c_t.   - cellTanh: (R, H) out: tanh(c_t).
///   - hidden: (R, hiddenStride) out: h_t in the first H columns.
///   - previousCell: (previousRows, H) c_{t−1}; nil when `previousRows == 0`.
///   - peepholes: (3H) p_i, p_f, p_o.
public func peepholeCellForward(
    gates: UnsafeMutablePointer<Float>, projections: ProjectionRows,
    cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    previousCell: UnsafePointer<Float>?, previousRows: Int,
    peepholes: UnsafePointer<Float>, rows: Int, hiddenSize: Int
) {
    ck_peephole_cell_forward(gates, projections.rows, projections.index, cell, cellTanh, hidden, hiddenStride,
                             previousCell, previousRows, peepholes, rows, hiddenSize)
}

/// Backward through one step's element-wise part.
///
///     dh = dh_out + dh_rec                 da_o = dh ⊙ tanh(c_t) ⊙ o(1−o)
///     dc = dc_rec + dh ⊙ o ⊙ (1 − tanh²c_t) + da_o ⊙ p_o
///     da_i = dc ⊙ g ⊙ i(1−i)   da_f = dc ⊙ c_{t−1} ⊙ f(1−f)   da_g = dc ⊙ i ⊙ (1−g²)
///     dc_{t−1} = dc ⊙ f + da_i ⊙ p_i + da_f ⊙ p_f
///     dp_i += Σ_rows da_i ⊙ c_{t−1}   dp_f += Σ_rows da_f ⊙ c_{t−1}   dp_o += Σ_rows da_o ⊙ c_t
///
/// - Parameters:
///   - gateGradients: (R, G) out: ∂L/∂a.
///   - cellGradient: (R, H) in: rows `0..<carriedRows` hold dc_rec; out: rows
///     `0..<previousRows` hold dc_{t−1}.
///   - peepholeGradients: (3H) += ∂L/∂p.
///   - hiddenGradient: (R, hiddenGradientStride) ∂L/∂h_t from above.
///   - carriedHiddenGradient: (carriedRows, H) dh_rec from the step after; nil if none.
///   - gates, cell, cellTanh: from forward.   - previousCell: (previousRows, H) c_{t−1}.
public func peepholeCellBackward(
    gateGradients: UnsafeMutablePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
    peepholeGradients: UnsafeMutablePointer<Float>,
    hiddenGradient: UnsafePointer<Float>, hiddenGradientStride: Int,
    carriedHiddenGradient: UnsafePointer<Float>?, carriedRows: Int,
    gates: UnsafePointer<Float>, cell: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>,
    previousCell: UnsafePointer<Float>?, previousRows: Int,
    peepholes: UnsafePointer<Float>, rows: Int, hiddenSize: Int
) {
    ck_peephole_cell_backward(gateGradients, cellGradient, peepholeGradients, hiddenGradient, hiddenGradientStride,
                              carriedHiddenGradient, carriedRows, gates, cell, cellTanh, previousCell, previousRows,
                              peepholes, rows, hiddenSize)
}
