/// How a batch of variable-length sequences is laid out for the LSTM: sorted by length
/// (longest first) and packed time step by time step, as PyTorch's packed sequences.
///
/// Packed row `offsets[t] + b` holds sequence `b` (in sorted order) at time `t`; only
/// sequences still running at `t` have a row, so padding is never stored or computed.
/// Dimension letters: B batch, T longest length, N = total real tokens.
public struct PackedLayout: Equatable, Sendable {
    /// B.
    public let batchSize: Int
    /// T, the longest length.
    public let maxLength: Int
    /// (B) sorted position → index in the caller's batch. Ties keep batch order.
    public let order: [Int]
    /// (B) lengths in sorted (non-increasing) order.
    public let sortedLengths: [Int]
    /// (T) how many sequences are active at time t; non-increasing.
    public let batchSizes: [Int]
    /// (T + 1) first packed row of time t; `offsets[T] == tokenCount`.
    public let offsets: [Int]

    /// N, the number of real tokens.
    public var tokenCount: Int { offsets[maxLength] }

    /// Lays out sequences of the given lengths (each ≥ 1).
    public init(lengths: [Int]) {
        precondition(!lengths.isEmpty, "a batch needs at least one sequence")
        precondition(lengths.allSatisfy { $0 >= 1 }, "every sequence needs at least one token")
        let order = lengths.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
        let sorted = order.map { lengths[$0] }
        let maxLength = sorted[0]
        var batchSizes = [Int](repeating: 0, count: maxLength)
        var active = sorted.count
        for t in 0..<maxLength {
            while sorted[active - 1] <= t { active -= 1 }
            batchSizes[t] = active
        }
        var offsets = [0]
        offsets.reserveCapacity(maxLength + 1)
        for size in batchSizes { offsets.append(offsets.last! + size) }
        self.batchSize = lengths.count
        self.maxLength = maxLength
        self.order = order
        self.sortedLengths = sorted
        self.batchSizes = batchSizes
        self.offsets = offsets
    }

    /// Gathers padded `(B, paddedLength)` token ids into packed order (N).
    public func packTokens(_ padded: UnsafePointer<Int32>, paddedLength: Int, into packed: UnsafeMutablePointer<Int32>) {
        for t in 0..<maxLength {
            for b in 0..<batchSizes[t] {
                packed[offsets[t] + b] = padded[order[b] * paddedLength + t]
            }
        }
    }
}
