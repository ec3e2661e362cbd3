/// Groups sequences into batches of similar length: sorted by length (longest first),
/// then cut every `batchSize`, so a batch pads to little more than its own longest
/// sequence. Indices refer to the input order.
///
/// - Complexity: O(n log n).
public func lengthSortedBatches(lengths: [Int], batchSize: Int) -> [[Int]] {
    precondition(batchSize > 0, "batchSize must be positive")
    let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
    return stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, order.count)]) }
}
