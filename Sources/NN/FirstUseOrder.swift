/// Distinct indices in the order they were first inserted, each with its place in that
/// order: the rows of a table that backward passes touched (`TouchedRows`), the distinct
/// token ids of a batch (the classifier's first layer). The lookup table, one `Int32` for
/// every possible index, is made by the first `insert` (a model that only predicts and
/// never inserts does not allocate it), and `removeAll` resets only what was inserted.
public final class FirstUseOrder {
    /// The distinct indices, in order of first insertion.
    public private(set) var indices: [Int32] = []
    /// Indices run over 0..<capacity.
    public let capacity: Int
    /// The place of each index in `indices`, −1 where it was not inserted.
    private var placeOfIndex: [Int32] = []

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The place of `index` in `indices`, appending it there if it is new.
    @inline(__always) @discardableResult
    public func insert(_ index: Int) -> Int32 {
        if placeOfIndex.isEmpty { placeOfIndex = [Int32](repeating: -1, count: capacity) }
        let place = placeOfIndex[index]
        if place >= 0 { return place }
        let new = Int32(indices.count)
        placeOfIndex[index] = new
        indices.append(Int32(index))
        return new
    }

    /// Forgets every index, in O(indices inserted).
    public func removeAll() {
        for index in indices { placeOfIndex[Int(index)] = -1 }
        indices.removeAll(keepingCapacity: true)
    }
}
