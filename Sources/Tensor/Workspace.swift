/// Grows `buffer` to at least `count` elements, keeping its storage when it is large
/// enough already: workspaces are sized once for the largest batch and then reused.
@inlinable
public func ensureCapacity(_ buffer: inout [Float], _ count: Int) {
    if buffer.count < count {
        buffer = [Float](repeating: 0, count: count)
    }
}
