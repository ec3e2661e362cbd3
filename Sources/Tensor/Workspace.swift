/// Grows `buffer` to at least `count` elements, keeping its storage when it is large
/// enough already: workspaces are sized once for the largest batch and then reused.
@inlinable
public func ensureCapacity(_ buffer: inout [Float], _ count: Int) {
    if buffer.count < count {
        buffer = [Float](repeating: 0, count: count)
    }
}

/// One workspace buffer of a layer: raw storage whose pointer a forward or backward pass
/// takes once at the top and then uses in straight-line loops (no nested
/// `withUnsafe…` closures). It grows to the largest batch seen and is then reused;
/// growing zeroes it and forgets what it held, so a pass reserves every buffer it
/// writes before it reads any.
public final class WorkspaceBuffer {
    /// The storage, valid until the next `reserve` that grows it.
    public private(set) var pointer: UnsafeMutablePointer<Float>
    /// Elements available at `pointer`.
    public private(set) var capacity: Int

    public init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: 0)
        capacity = 1
    }

    deinit {
        pointer.deallocate()
    }

    /// At least `count` elements; keeps the contents unless it has to grow.
    @discardableResult
    public func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            capacity = count
        }
        return pointer
    }
}
