/// A dense, row-major Float32 buffer with a shape.
///
/// The layers keep their hot buffers as flat `[Float]` and index them explicitly
/// (see STYLE.md); `Tensor` is the value type for moving a shaped buffer around
/// (fixtures, checkpoints, tests) without losing what its dimensions are.
public struct Tensor: Equatable, Sendable {
    /// Sizes of the dimensions, outermost first.
    public let shape: [Int]
    /// The elements in row-major order; `storage.count == shape.reduce(1, *)`.
    public var storage: [Float]

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.storage = [Float](repeating: 0, count: shape.reduce(1, *))
    }

    /// A tensor holding `storage` with the given shape.
    public init(shape: [Int], storage: [Float]) {
        precondition(storage.count == shape.reduce(1, *),
                      "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// Number of elements.
    public var count: Int { storage.count }
}

/// Grows `buffer` to at least `count` elements, keeping its storage when it is large
/// enough already: workspaces are sized once for the largest batch and then reused.
@inlinable
public func ensureCapacity(_ buffer: inout [Float], _ count: Int) {
    if buffer.count < count {
        buffer = [Float](repeating: 0, count: count)
    }
}
