/// A batch of token-id sequences padded with 0 (`<pad>`) to the longest one.
/// Dimension letters: B batch, T longest length.
public struct PaddedBatch: Sendable {
    /// B.
    public let batchSize: Int
    /// T.
    public let maxLength: Int
    /// (B) real lengths, each ≥ 1: the mask.
    public let lengths: [Int]
    /// (B, T) row-major ids, 0 beyond each sequence's length.
    public let tokens: [Int32]

    /// Pads `sequences` (at least one; every sequence non-empty).
    public init(sequences: [[Int32]]) {
        precondition(!sequences.isEmpty, "a batch needs at least one sequence")
        precondition(sequences.allSatisfy { !$0.isEmpty }, "every sequence needs at least one token")
        let lengths = sequences.map(\.count)
        let maxLength = lengths.max()!
        var tokens = [Int32](repeating: 0, count: sequences.count * maxLength)
        for (b, sequence) in sequences.enumerated() {
            for (t, id) in sequence.enumerated() { tokens[b * maxLength + t] = id }
        }
        self.batchSize = sequences.count
        self.maxLength = maxLength
        self.lengths = lengths
        self.tokens = tokens
    }
}
