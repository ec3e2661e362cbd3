import Tensor

/// A lookup table of token vectors. Dimension letters: V vocabulary, E embedding,
/// N packed tokens.
///
/// Row 0 is padding (PyTorch's `padding_idx=0`): it starts at zero and never receives a
/// gradient. The backward pass only touches the rows of tokens seen in the batch and
/// remembers them, so zeroing the gradient costs O(rows seen), not O(V·E).
public final class Embedding {
    /// (V, E) the table, `embedding.weight`.
    public let weight: Parameter
    public let vocabularySize: Int
    public let dimension: Int
    /// Rows whose gradient may be nonzero since the last `zeroGradient()`.
    private var touchedRows: [Int32] = []
    private var isTouched: [Bool]

    /// A table initialized like PyTorch's: N(0, 1), padding row zero.
    public init(name: String = "embedding.weight", vocabularySize: Int, dimension: Int,
                initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        precondition(vocabularySize >= 1 && dimension >= 1, "embedding needs V ≥ 1 and E ≥ 1")
        self.vocabularySize = vocabularySize
        self.dimension = dimension
        weight = Parameter(name: name, shape: [vocabularySize, dimension])
        if case .pytorchDefault = initialization {
            weight.value.withUnsafeMutableBufferPointer { table in
                for index in dimension..<(vocabularySize * dimension) {
                    table[index] = generator.nextNormal()
                }
            }
        }
        isTouched = [Bool](repeating: false, count: vocabularySize)
    }

    /// output (N, E) row n = weight[tokens[n]]. A table still deferred (a model file's
    /// float16 rows) stays so: only the rows asked for are widened.
    public func forward(output: UnsafeMutablePointer<Float>, tokens: UnsafePointer<Int32>, count: Int) {
        let e = dimension
        for n in 0..<count {
            let id = Int(tokens[n])
            precondition(id >= 0 && id < vocabularySize, "token id \(id) outside vocabulary of \(vocabularySize)")
            weight.copyValues(from: id * e, count: e, into: output + n * e)
        }
    }

    /// weight.gradient[tokens[n]] += outputGradient[n] for every n with tokens[n] ≠ 0.
    public func backward(outputGradient: UnsafePointer<Float>, tokens: UnsafePointer<Int32>, count: Int) {
        let e = dimension
        weight.gradient.withUnsafeMutableBufferPointer { gradient in
            for n in 0..<count {
                let id = Int(tokens[n])
                if id == 0 { continue }
                if !isTouched[id] {
                    isTouched[id] = true
                    touchedRows.append(Int32(id))
                }
                addInPlace(gradient.baseAddress! + id * e, outputGradient + n * e, count: e)
            }
        }
    }

    /// Zeroes the gradient rows touched since the last call.
    ///
    /// - Complexity: O(rows touched · E).
    public func zeroGradient() {
        let e = dimension
        weight.gradient.withUnsafeMutableBufferPointer { gradient in
            for id in touchedRows {
                (gradient.baseAddress! + Int(id) * e).update(repeating: 0, count: e)
                isTouched[Int(id)] = false
            }
        }
        touchedRows.removeAll(keepingCapacity: true)
    }
}
