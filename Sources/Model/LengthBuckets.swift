/// Batches of similar-length sequences: shuffle, cut into pools of `poolBatches`
/// batches, sort each pool by length, cut it into batches, then shuffle the batches.
/// Batches stay random from epoch to epoch while padding nearly vanishes.
public struct LengthBuckets: Sendable {
    /// Example indices of each batch, in the order to train on them.
    public let batches: [[Int]]
    /// Fraction of the (batch × longest) slots that are padding.
    public let paddingFraction: Double

    /// - Parameters:
    ///   - lengths: token count of each example (≥ 1).
    ///   - batchSize: examples per batch (the last of a pool may have fewer).
    ///   - poolBatches: batches per sorting pool; 1 means no sorting (plain shuffle).
    public init<G: RandomNumberGenerator>(lengths: [Int], batchSize: Int, poolBatches: Int = 50, generator: inout G) {
        precondition(batchSize >= 1 && poolBatches >= 1)
        var order = Array(lengths.indices)
        order.shuffle(using: &generator)
        var batches: [[Int]] = []
        let poolSize = batchSize * poolBatches
        var poolStart = 0
        while poolStart < order.count {
            let poolEnd = min(poolStart + poolSize, order.count)
            // Longest first inside a batch: the engine's active batch then shrinks from the end.
            let pool = order[poolStart..<poolEnd].sorted { (lengths[$0], $1) > (lengths[$1], $0) }
            var start = 0
            while start < pool.count {
                batches.append(Array(pool[start..<min(start + batchSize, pool.count)]))
                start += batchSize
            }
            poolStart = poolEnd
        }
        batches.shuffle(using: &generator)
        self.batches = batches
        var slots = 0, padding = 0
        for batch in batches {
            let longest = batch.map { lengths[$0] }.max() ?? 0
            slots += longest * batch.count
            padding += batch.reduce(0) { $0 + longest - lengths[$1] }
        }
        paddingFraction = slots == 0 ? 0 : Double(padding) / Double(slots)
    }
}
