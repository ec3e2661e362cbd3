import Tensor

/// A lookup table of token vectors. Dimension letters: V vocabulary, E embedding,
/// N packed tokens.
///
/// Row 0 is padding (PyTorch's `padding_idx=0`): it starts at zero and never receives a
/// gradient. The backward pass only touches the rows of tokens seen in the batch and
/// the weight remembers them (`Parameter.touchedRows`), so zeroing and clipping the
/// gradient cost O(rows seen), not O(V·E).
public final class Embedding {
    /// (V, E) the table, `embedding.weight`.
    public let weight: Parameter
    public let vocabularySize: Int
    public let dimension: Int

    /// A table initialized like PyTorch's: N(0, 1), padding row zero.
    public init(name: String = "embedding.weight", vocabularySize: Int, dimension: Int,
                initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        precondition(vocabularySize >= 1 && dimension >= 1, "embedding needs V ≥ 1 and E ≥ 1")
        self.vocabularySize = vocabularySize
        self.dimension = dimension
        weight = Parameter(name: name, shape: [vocabularySize, dimension])
        if case .pytorchDefault = initialization {
            weight.value.withUnsafeMutableBufferPointer { table in
                generator.fillWithNormals(UnsafeMutableBufferPointer(rebasing: table[dimension...]))
            }
        }
        weight.trackTouchedRows(rowWidth: dimension)
    }

    /// output (N, E) row n = weight[tokens[n]]. A table still deferred (a model file's
    /// float16 rows) stays so: only the rows asked for are widened.
    public func forward(output: UnsafeMutablePointer<Float>, tokens: UnsafePointer<Int32>, count: Int) {
        weight.copyRows(tokens, count: count, into: output)
    }

    /// weight.gradient[tokens[n]] += outputGradient[n] for every n with tokens[n] ≠ 0.
    ///
    /// Added by row parity on both cores (`forEachRowOnBothCores`), each row's additions
    /// in n order, so the sums are what one core would give. (The rows are scattered over
    /// the table: these additions wait on memory more than they compute.)
    public func backward(outputGradient: UnsafePointer<Float>, tokens: UnsafePointer<Int32>, count: Int) {
        let e = dimension, touched = weight.touchedRows!
        let gradient = weight.gradientPointer
        for n in 0..<count where tokens[n] != 0 {
            touched.insert(Int(tokens[n]))
        }
        forEachRowOnBothCores(0..<count, row: { Int(tokens[$0]) }, serially: count * e < 1 << 14) { n in
            if tokens[n] != 0 { addInPlace(gradient + Int(tokens[n]) * e, outputGradient + n * e, count: e) }
        }
    }
}
