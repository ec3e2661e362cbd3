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
/// one (rows × H)·(H × G) GEMM on the sequences still active, plus one fused gate
/// kernel. The forward direction stops at each sequence's end; the reverse direction
/// runs from time T−1 down to 0 and starts each sequence, from zero state, at its own
/// last real token. Workspaces grow to the largest batch seen and are then reused: the
/// time loop never allocates.
public final class LSTM {
    public let inputSize: Int
    public let hiddenSize: Int
    public let isReverse: Bool
    /// (G, I) input weights `weight_ih_l{k}[_reverse]`.
    public let weightIH: Parameter
    /// (G, H) recurrent weights `weight_hh_l{k}[_reverse]`.
    public let weightHH: Parameter
    /// (G) `bias_ih_l{k}[_reverse]`.
    public let biasIH: Parameter
    /// (G) `bias_hh_l{k}[_reverse]`.
    public let biasHH: Parameter

    /// (N, G) activated gates i, f, g, o, kept for backward.
    private var gates: [Float] = []
    /// (N, H) cell states c_t, kept for backward (and c_{t−1} of the next step).
    private var cells: [Float] = []
    /// (N, H) tanh(c_t), kept for backward.
    private var cellTanhs: [Float] = []
    /// (N, G) ∂L/∂a, backward workspace.
    private var gateGradients: [Float] = []
    /// (B, H) ∂L/∂c carried from one step to the one before.
    private var carriedCellGradient: [Float] = []
    /// (B, H) ∂L/∂h carried through W_hh from one step to the one before.
    private var carriedHiddenGradient: [Float] = []
    /// (N, H) h_{t−1} gathered per packed row (0 where a sequence starts), for dW_hh.
    private var previousHidden: [Float] = []
    /// (G) b_ih + b_hh.
    private var biasSum: [Float] = []

    /// A direction with PyTorch's initialization: every weight and bias uniform(−1/√H, 1/√H).
    /// `suffix` is the state-dict suffix, e.g. `"_l0"` or `"_l1_reverse"`.
    public init(prefix: String = "lstm.", suffix: String, inputSize: Int, hiddenSize: Int, isReverse: Bool,
                initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        precondition(inputSize >= 1 && hiddenSize >= 1, "LSTM needs I ≥ 1 and H ≥ 1")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.isReverse = isReverse
        let g = 4 * hiddenSize
        weightIH = Parameter(name: "\(prefix)weight_ih\(suffix)", shape: [g, inputSize])
        weightHH = Parameter(name: "\(prefix)weight_hh\(suffix)", shape: [g, hiddenSize])
        biasIH = Parameter(name: "\(prefix)bias_ih\(suffix)", shape: [g])
        biasHH = Parameter(name: "\(prefix)bias_hh\(suffix)", shape: [g])
        guard case .pytorchDefault = initialization else { return }
        let bound = 1 / Float(hiddenSize).squareRoot()
        for parameter in parameters {
            parameter.initializeUniform(bound: bound, generator: &generator)
        }
    }

    /// weight_ih, weight_hh, bias_ih, bias_hh: PyTorch's state-dict order.
    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    /// The time index processed at `step` (0 = first).
    @inline(__always)
    private func time(atStep step: Int, _ maxLength: Int) -> Int {
        isReverse ? maxLength - 1 - step : step
    }

    /// Forward over a packed batch.
    ///
    /// - Parameters:
    ///   - output: (N, outputStride) h_t written to the first H columns of each packed row.
    ///   - input: (N, inputStride) x_t in the first I columns of each packed row.
    ///   - layout: the packing of the batch.
    public func forward(
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        input: UnsafePointer<Float>, inputStride: Int,
        layout: PackedLayout
    ) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount, steps = layout.maxLength
        ensureCapacity(&gates, n * g)
        ensureCapacity(&cells, n * h)
        ensureCapacity(&cellTanhs, n * h)
        ensureCapacity(&biasSum, g)
        biasIH.value.withUnsafeBufferPointer { bih in
            biasHH.value.withUnsafeBufferPointer { bhh in
                biasSum.withUnsafeMutableBufferPointer { sum in
                    add(sum.baseAddress!, bih.baseAddress!, bhh.baseAddress!, count: g)
                }
            }
        }
        weightIH.value.withUnsafeBufferPointer { wih in
        weightHH.value.withUnsafeBufferPointer { whh in
        biasSum.withUnsafeBufferPointer { bias in
        gates.withUnsafeMutableBufferPointer { gatesBuffer in
        cells.withUnsafeMutableBufferPointer { cellsBuffer in
        cellTanhs.withUnsafeMutableBufferPointer { tanhBuffer in
            let a = gatesBuffer.baseAddress!, c = cellsBuffer.baseAddress!, tc = tanhBuffer.baseAddress!
            // a (N, G) = X·W_ihᵀ + (b_ih + b_hh): one GEMM for every time step at once.
            for row in 0..<n {
                (a + row * g).update(from: bias.baseAddress!, count: g)
            }
            gemm(transposeA: false, transposeB: true, m: n, n: g, k: inputSize,
                 a: input, lda: inputStride, b: wih.baseAddress!, ldb: inputSize,
                 beta: 1, c: a, ldc: g)
            for step in 0..<steps {
                let t = time(atStep: step, steps)
                let rows = layout.batchSizes[t]
                let offset = layout.offsets[t]
                var previousRows = 0, previousOffset = 0
                if step > 0 {
                    let previousT = isReverse ? t + 1 : t - 1
                    previousRows = min(rows, layout.batchSizes[previousT])
                    previousOffset = layout.offsets[previousT]
                    // a[rows that continue] += h_{t−1}·W_hhᵀ
                    gemm(transposeA: false, transposeB: true, m: previousRows, n: g, k: h,
                         a: output + previousOffset * outputStride, lda: outputStride,
                         b: whh.baseAddress!, ldb: h,
                         beta: 1, c: a + offset * g, ldc: g)
                }
                lstmCellForward(
                    gates: a + offset * g, cell: c + offset * h, cellTanh: tc + offset * h,
                    hidden: output + offset * outputStride, hiddenStride: outputStride,
                    previousCell: previousRows > 0 ? UnsafePointer(c + previousOffset * h) : nil,
                    previousRows: previousRows, rows: rows, hiddenSize: h)
            }
        }}}}}}
    }

    /// Backward over the batch of the last `forward`: accumulates the four parameter
    /// gradients (`+=`) and writes ∂L/∂x.
    ///
    /// - Parameters:
    ///   - inputGradient: (N, I) out: ∂L/∂x (overwritten).
    ///   - outputGradient: (N, outputGradientStride) ∂L/∂h_t from above, first H columns.
    ///   - output: the `output` given to forward (h_t, needed for ∂L/∂W_hh).
    ///   - input: the `input` given to forward (needed for ∂L/∂W_ih).
    public func backward(
        inputGradient: UnsafeMutablePointer<Float>,
        outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
        output: UnsafePointer<Float>, outputStride: Int,
        input: UnsafePointer<Float>, inputStride: Int,
        layout: PackedLayout
    ) {
        let h = hiddenSize, g = 4 * h, n = layout.tokenCount, steps = layout.maxLength
        ensureCapacity(&gateGradients, n * g)
        ensureCapacity(&carriedCellGradient, layout.batchSize * h)
        ensureCapacity(&carriedHiddenGradient, layout.batchSize * h)
        ensureCapacity(&previousHidden, n * h)
        weightIH.value.withUnsafeBufferPointer { wih in
        weightHH.value.withUnsafeBufferPointer { whh in
        gates.withUnsafeBufferPointer { gatesBuffer in
        cells.withUnsafeBufferPointer { cellsBuffer in
        cellTanhs.withUnsafeBufferPointer { tanhBuffer in
        gateGradients.withUnsafeMutableBufferPointer { daBuffer in
        carriedCellGradient.withUnsafeMutableBufferPointer { dcBuffer in
        carriedHiddenGradient.withUnsafeMutableBufferPointer { dhBuffer in
            let a = gatesBuffer.baseAddress!, c = cellsBuffer.baseAddress!, tc = tanhBuffer.baseAddress!
            let da = daBuffer.baseAddress!, dc = dcBuffer.baseAddress!, dhCarried = dhBuffer.baseAddress!
            // Steps in the reverse of the order forward ran them.
            for step in stride(from: steps - 1, through: 0, by: -1) {
                let t = time(atStep: step, steps)
                let rows = layout.batchSizes[t]
                let offset = layout.offsets[t]
                var carriedRows = 0
                if step < steps - 1 {
                    let nextT = isReverse ? t - 1 : t + 1
                    carriedRows = min(rows, layout.batchSizes[nextT])
                }
                var previousRows = 0, previousOffset = 0
                if step > 0 {
                    let previousT = isReverse ? t + 1 : t - 1
                    previousRows = min(rows, layout.batchSizes[previousT])
                    previousOffset = layout.offsets[previousT]
                }
                lstmCellBackward(
                    gateGradients: da + offset * g, cellGradient: dc,
                    hiddenGradient: outputGradient + offset * outputGradientStride,
                    hiddenGradientStride: outputGradientStride,
                    carriedHiddenGradient: carriedRows > 0 ? UnsafePointer(dhCarried) : nil,
                    carriedRows: carriedRows,
                    gates: a + offset * g, cellTanh: tc + offset * h,
                    previousCell: previousRows > 0 ? c + previousOffset * h : nil,
                    previousRows: previousRows, rows: rows, hiddenSize: h)
                if previousRows > 0 {
                    // dh_{t−1} (continuing rows) = da·W_hh
                    gemm(transposeA: false, transposeB: false, m: previousRows, n: h, k: g,
                         a: da + offset * g, lda: g, b: whh.baseAddress!, ldb: h,
                         beta: 0, c: dhCarried, ldc: h)
                }
            }
            // dW_ih += daᵀ·X and dx = da·W_ih: one GEMM each over all N tokens.
            weightIH.gradient.withUnsafeMutableBufferPointer { dwih in
                gemm(transposeA: true, transposeB: false, m: g, n: inputSize, k: n,
                     a: da, lda: g, b: input, ldb: inputStride,
                     beta: 1, c: dwih.baseAddress!, ldc: inputSize)
            }
            gemm(transposeA: false, transposeB: false, m: n, n: inputSize, k: g,
                 a: da, lda: g, b: wih.baseAddress!, ldb: inputSize,
                 beta: 0, c: inputGradient, ldc: inputSize)
            // db_ih and db_hh both receive Σ_rows da.
            biasIH.gradient.withUnsafeMutableBufferPointer { dbih in
                addColumnSums(dbih.baseAddress!, of: da, rows: n, columns: g)
            }
            biasHH.gradient.withUnsafeMutableBufferPointer { dbhh in
                addColumnSums(dbhh.baseAddress!, of: da, rows: n, columns: g)
            }
            // dW_hh += Σ_t da_tᵀ·h_{t−1}: gather h_{t−1} per packed row (0 where a sequence
            // starts), then one GEMM over every step that had a previous step.
            guard steps > 1 else { return }
            previousHidden.withUnsafeMutableBufferPointer { prevBuffer in
                let prev = prevBuffer.baseAddress!
                for step in 1..<steps {
                    let t = time(atStep: step, steps)
                    let previousT = isReverse ? t + 1 : t - 1
                    let rows = layout.batchSizes[t]
                    let previousRows = min(rows, layout.batchSizes[previousT])
                    let offset = layout.offsets[t], previousOffset = layout.offsets[previousT]
                    for r in 0..<previousRows {
                        (prev + (offset + r) * h).update(from: output + (previousOffset + r) * outputStride, count: h)
                    }
                    if previousRows < rows {
                        (prev + (offset + previousRows) * h).update(repeating: 0, count: (rows - previousRows) * h)
                    }
                }
                // Rows of steps ≥ 1: times 1..<T (forward) or 0..<T−1 (reverse), contiguous.
                let first = isReverse ? 0 : layout.offsets[1]
                let count = isReverse ? layout.offsets[steps - 1] : n - layout.offsets[1]
                weightHH.gradient.withUnsafeMutableBufferPointer { dwhh in
                    gemm(transposeA: true, transposeB: false, m: g, n: h, k: count,
                         a: da + first * g, lda: g, b: prev + first * h, ldb: h,
                         beta: 1, c: dwhh.baseAddress!, ldc: h)
                }
            }
        }}}}}}}}
    }
}
