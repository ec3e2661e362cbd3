import Tensor

/// y = x·Wᵀ + b, PyTorch's `nn.Linear`. Dimension letters: R rows, I in, O out.
public final class Linear {
    public let inputSize: Int
    public let outputSize: Int
    /// (O, I) `fc.weight`.
    public let weight: Parameter
    /// (O) `fc.bias`.
    public let bias: Parameter

    /// PyTorch's initialization: weight and bias uniform(−1/√I, 1/√I).
    public init(prefix: String = "fc.", inputSize: Int, outputSize: Int,
                initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "\(prefix)weight", shape: [outputSize, inputSize])
        bias = Parameter(name: "\(prefix)bias", shape: [outputSize])
        guard case .pytorchDefault = initialization else { return }
        let bound = 1 / Float(inputSize).squareRoot()
        weight.initializeUniform(bound: bound, generator: &generator)
        bias.initializeUniform(bound: bound, generator: &generator)
    }

    /// weight, bias: PyTorch's state-dict order.
    public var parameters: [Parameter] { [weight, bias] }

    /// output (R, O) = input (R, I)·Wᵀ + b.
    public func forward(output: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>, rows: Int) {
        let o = outputSize
        bias.value.withUnsafeBufferPointer { b in
            for row in 0..<rows { (output + row * o).update(from: b.baseAddress!, count: o) }
        }
        weight.value.withUnsafeBufferPointer { w in
            gemm(transposeA: false, transposeB: true, m: rows, n: o, k: inputSize,
                 a: input, lda: inputSize, b: w.baseAddress!, ldb: inputSize, beta: 1, c: output, ldc: o)
        }
    }

    /// dW += dYᵀ·X, db += Σ_rows dY, and inputGradient (R, I) = dY·W (overwritten).
    public func backward(inputGradient: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                         input: UnsafePointer<Float>, rows: Int) {
        let o = outputSize
        weight.gradient.withUnsafeMutableBufferPointer { dw in
            gemm(transposeA: true, transposeB: false, m: o, n: inputSize, k: rows,
                 a: outputGradient, lda: o, b: input, ldb: inputSize, beta: 1, c: dw.baseAddress!, ldc: inputSize)
        }
        bias.gradient.withUnsafeMutableBufferPointer { db in
            addColumnSums(db.baseAddress!, of: outputGradient, rows: rows, columns: o)
        }
        weight.value.withUnsafeBufferPointer { w in
            gemm(transposeA: false, transposeB: false, m: rows, n: inputSize, k: o,
                 a: outputGradient, lda: o, b: w.baseAddress!, ldb: inputSize, beta: 0, c: inputGradient,
                 ldc: inputSize)
        }
    }
}
