import Tensor

/// The GEMMs of a recurrent direction that do not depend on the cell: the input
/// projection of every token at once, and the weight and bias gradients that sum over
/// every token. Each cell's time loop does the rest.
///
/// Dimension letters: N packed tokens, I input size, H hidden size, G gates.
enum RecurrentProjections {
    /// X·W_ihᵀ + bias for each of the input's R rows, in one GEMM for every time step at
    /// once, into `projected` (R, G): what each step's cell kernel reads for its tokens
    /// (`InputProjections.rows(of:)`), adding the step's recurrent product as it reads.
    ///
    /// - Parameters:
    ///   - weight: (G, I) W_ih.
    ///   - bias: (G) the bias every row starts from (b_ih, or b_ih + b_hh where the
    ///     cell adds both before its non-linearity).
    static func inputForward(input: RecurrentInput, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                             gateCount g: Int, inputSize: Int, projected: WorkspaceBuffer) -> InputProjections {
        let rows = projected.reserve(input.rowCount * g)
        for row in 0..<input.rowCount {
            (rows + row * g).update(from: bias, count: g)
        }
        gemm(transposeA: false, transposeB: true, m: input.rowCount, n: g, k: inputSize,
             a: input.rows, lda: input.stride, b: weight, ldb: inputSize, beta: 1, c: rows, ldc: g)
        return InputProjections(projected: rows, rowOfToken: input.rowOfToken, gateCount: g)
    }

    /// dW_ih += daᵀ·X;  db += Σ_rows da (for each bias in `biasGradients`);  dx = da·W_ih,
    /// over the input's R rows: where tokens share rows, da is first summed per row.
    ///
    /// - Parameters:
    ///   - inputGradient: (R, I) out: ∂L/∂(each input row) (overwritten).
    ///   - weightGradient: (G, I) ∂L/∂W_ih, added into.
    ///   - biasGradients: (G) each added into (b_ih and b_hh both receive Σ da where the
    ///     cell sums them).
    ///   - gateGradients: (N, G) ∂L/∂(input projection).
    ///   - shared: workspace for the (R, G) per-row sums of shared rows.
    static func inputBackward(inputGradient: UnsafeMutablePointer<Float>,
                              weightGradient: UnsafeMutablePointer<Float>,
                              biasGradients: [UnsafeMutablePointer<Float>],
                              gateGradients: UnsafePointer<Float>,
                              input: RecurrentInput, weight: UnsafePointer<Float>,
                              tokenCount n: Int, gateCount g: Int, inputSize: Int, shared: WorkspaceBuffer) {
        let r = input.rowCount
        var da = gateGradients
        if let rowOfToken = input.rowOfToken {
            let summed = shared.reserve(r * g)
            summed.update(repeating: 0, count: r * g)
            for token in 0..<n {
                addInPlace(summed + Int(rowOfToken[token]) * g, gateGradients + token * g, count: g)
            }
            da = UnsafePointer(summed)
        }
        gemm(transposeA: true, transposeB: false, m: g, n: inputSize, k: r,
             a: da, lda: g, b: input.rows, ldb: input.stride, beta: 1, c: weightGradient, ldc: inputSize)
        gemm(transposeA: false, transposeB: false, m: r, n: inputSize, k: g,
             a: da, lda: g, b: weight, ldb: inputSize, beta: 0, c: inputGradient, ldc: inputSize)
        for biasGradient in biasGradients {
            addColumnSums(biasGradient, of: da, rows: r, columns: g)
        }
    }

    /// dW_hh += Σ_t da_tᵀ·h_{t−1}: gathers h_{t−1} per packed row into `previousHidden`
    /// (0 where a sequence starts), then one GEMM over every step that had a step before.
    ///
    /// - Parameters:
    ///   - weightGradient: (G, H) ∂L/∂W_hh, added into.
    ///   - previousHidden: (N, H) workspace.
    ///   - gateGradients: (N, G) ∂L/∂(recurrent projection).
    ///   - output: (N, outputStride) h_t from forward.
    static func recurrentWeightBackward(weightGradient: UnsafeMutablePointer<Float>,
                                        previousHidden: UnsafeMutablePointer<Float>,
                                        gateGradients: UnsafePointer<Float>,
                                        output: UnsafePointer<Float>, outputStride: Int,
                                        layout: PackedLayout, isReverse: Bool, gateCount g: Int, hiddenSize h: Int) {
        let steps = layout.maxLength
        guard steps > 1 else { return }
        for index in 1..<steps {
            let step = layout.recurrentStep(index, isReverse: isReverse)
            for r in 0..<step.previousRows {
                (previousHidden + (step.offset + r) * h)
                    .update(from: output + (step.previousOffset + r) * outputStride, count: h)
            }
            if step.previousRows < step.rows {
                (previousHidden + (step.offset + step.previousRows) * h)
                    .update(repeating: 0, count: (step.rows - step.previousRows) * h)
            }
        }
        // Rows of steps ≥ 1: times 1..<T (forward) or 0..<T−1 (reverse), contiguous.
        let first = isReverse ? 0 : layout.offsets[1]
        let count = isReverse ? layout.offsets[steps - 1] : layout.tokenCount - layout.offsets[1]
        gemm(transposeA: true, transposeB: false, m: g, n: h, k: count,
             a: gateGradients + first * g, lda: g, b: previousHidden + first * h, ldb: h,
             beta: 1, c: weightGradient, ldc: h)
    }

    /// Every weight and bias gradient of a cell whose two biases enter one pre-activation
    /// (LSTM, peephole LSTM, simple RNN): `inputBackward` with both biases receiving Σ da,
    /// then `recurrentWeightBackward`, both from the same `gateGradients` (N, G).
    static func weightsBackward(_ weights: RecurrentWeights, inputGradient: UnsafeMutablePointer<Float>,
                                gateGradients: UnsafePointer<Float>, input: RecurrentInput,
                                output: UnsafePointer<Float>, outputStride: Int,
                                previousHidden: UnsafeMutablePointer<Float>, shared: WorkspaceBuffer,
                                layout: PackedLayout, isReverse: Bool) {
        inputBackward(inputGradient: inputGradient, weightGradient: weights.inputWeight.gradientPointer,
                      biasGradients: [weights.inputBias.gradientPointer, weights.recurrentBias.gradientPointer],
                      gateGradients: gateGradients, input: input, weight: weights.inputWeight.valuePointer,
                      tokenCount: layout.tokenCount, gateCount: weights.gateCount, inputSize: weights.inputSize,
                      shared: shared)
        recurrentWeightBackward(weightGradient: weights.recurrentWeight.gradientPointer, previousHidden: previousHidden,
                                gateGradients: gateGradients, output: output, outputStride: outputStride,
                                layout: layout, isReverse: isReverse, gateCount: weights.gateCount,
                                hiddenSize: weights.hiddenSize)
    }
}

/// A batch's input projections (R, G), from `RecurrentProjections.inputForward`.
struct InputProjections {
    let projected: UnsafePointer<Float>
    /// (N) the row each packed token reads; nil when token n reads row n.
    let rowOfToken: UnsafePointer<Int32>?
    let gateCount: Int

    /// Where the tokens of `step` find their projections, for its cell kernel.
    @inline(__always)
    func rows(of step: RecurrentStep) -> ProjectionRows {
        if let rowOfToken {
            return ProjectionRows(rows: projected, index: rowOfToken + step.offset)
        }
        return ProjectionRows(rows: projected + step.offset * gateCount, index: nil)
    }
}
