/// A growable, manually managed buffer of trivial values: the tokenizer's working memory,
/// reused across the chunks of one call so the hot path allocates nothing per token.
struct ScratchBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Makes room for `minimumCapacity` elements, keeping the first `preserving`.
    mutating func reserve(_ minimumCapacity: Int, preserving: Int = 0) {
        guard minimumCapacity > capacity else { return }
        let newCapacity = Swift.max(minimumCapacity, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: preserving)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func deallocate() {
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
