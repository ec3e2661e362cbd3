import CKernels

/// The fused element-wise part of one GRU time step, PyTorch's `nn.GRU`, forward and
/// backward (Sources/CKernels/gru_cell.c).
///
/// Dimension letters: R rows active at this step, H hidden size, G = 3H gates r, z, n.
/// x = W_ih·x_t + b_ih and h = W_hh·h_{t−1} + b_hh are computed apart, because the
/// reset gate scales only the recurrent part of n:
///
///     r = σ(x_r + h_r)   z = σ(x_z + h_z)   n = tanh(x_n + r ⊙ h_n)
///     h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
///
/// Rows `0..<previousRows` continue from the previous step; the others start from h = 0
/// (their recurrent projection is just b_hh).

/// Forward: writes r, z, n to `gates` and h_t to `hidden`.
///
/// - Parameters:
///   - gates: (R, G) out: r, z, n (kept for backward).
///   - projections: each row's x = W_ih·x_t + b_ih.
///   - recurrent: (R, G) h = W_hh·h_{t−1} + b_hh (kept for backward: h_n).
///   - hidden: (R, hiddenStride) out: h_t.
///   - previousHidden: (previousRows, previousStride) h_{t−1}; nil when `previousRows == 0`.
public func gruCellForward(
    gates: UnsafeMutablePointer<Float>, projections: ProjectionRows, recurrent: UnsafePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    previousHidden: UnsafePointer<Float>?, previousStride: Int, previousRows: Int,
    rows: Int, hiddenSize: Int
) {
    ck_gru_cell_forward(gates, projections.rows, projections.index, recurrent, hidden, hiddenStride,
                        previousHidden, previousStride, previousRows, rows, hiddenSize)
}

/// Backward through one step's element-wise part.
///
///     dh = dh_out + dh_rec      dz = dh ⊙ (h_{t−1} − n)      dx_n = dh ⊙ (1 − z) ⊙ (1 − n²)
///     dh_n = dx_n ⊙ r           dx_r = dh_r = dx_n ⊙ h_n ⊙ r(1 − r)
///     dx_z = dh_z = dz ⊙ z(1 − z)                             dh_{t−1} = dh ⊙ z + dh·W_hh
///
/// - Parameters:
///   - inputGateGradients: (R, G) out: ∂L/∂x.
///   - recurrentGateGradients: (R, G) out: ∂L/∂h (the recurrent projection).
///   - carriedHiddenGradient: (R, H) in: rows `0..<carriedRows` hold dh_rec; out: rows
///     `0..<previousRows` hold dh ⊙ z, the direct part of dh_{t−1} (the caller adds dh·W_hh).
///   - hiddenGradient: (R, hiddenGradientStride) ∂L/∂h_t from above.
///   - gates, recurrent: from forward.   - previousHidden: as in forward.
public func gruCellBackward(
    inputGateGradients: UnsafeMutablePointer<Float>, recurrentGateGradients: UnsafeMutablePointer<Float>,
    carriedHiddenGradient: UnsafeMutablePointer<Float>, carriedRows: Int,
    hiddenGradient: UnsafePointer<Float>, hiddenGradientStride: Int,
    gates: UnsafePointer<Float>, recurrent: UnsafePointer<Float>,
    previousHidden: UnsafePointer<Float>?, previousStride: Int, previousRows: Int,
    rows: Int, hiddenSize: Int
) {
    ck_gru_cell_backward(inputGateGradients, recurrentGateGradients, carriedHiddenGradient, carriedRows,
                         hiddenGradient, hiddenGradientStride, gates, recurrent, previousHidden, previousStride,
                         previousRows, rows, hiddenSize)
}
