/// One named, trainable tensor and its gradient.
///
/// Names are PyTorch state-dict names (`lstm.weight_ih_l0`, `fc.bias`, …) so that a
/// checkpoint written from `value`s loads into PyTorch with `load_state_dict`.
public final class Parameter {
    /// PyTorch state-dict name, e.g. `"lstm.weight_ih_l0"`.
    public let name: String
    /// Dimensions, outermost first (PyTorch's layout: Linear weight is (out, in)).
    public let shape: [Int]
    /// Row-major values; `value.count == shape.reduce(1, *)`.
    public var value: [Float]
    /// ∂loss/∂value, same layout. Backward passes add into it (`+=`); zero it with the
    /// owner's `zeroGradients()`. Allocated on first use, so a model that only predicts
    /// never touches memory for it (10 MB for the default model, a third of the page
    /// faults of a cold start).
    public lazy var gradient: [Float] = [Float](repeating: 0, count: value.count)

    /// A parameter of zeros.
    public init(name: String, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.name = name
        self.shape = shape
        self.value = [Float](repeating: 0, count: count)
    }

    /// `value`'s storage, for a layer's forward or backward pass to read without nesting
    /// closures. Valid until `value` is next assigned or resized: take it at the top of a
    /// pass, never keep it across passes.
    public var valuePointer: UnsafePointer<Float> {
        value.withUnsafeBufferPointer { $0.baseAddress! }
    }

    /// `gradient`'s storage (made unique first), for a backward pass to add into. Same
    /// lifetime rule as `valuePointer`.
    public var gradientPointer: UnsafeMutablePointer<Float> {
        gradient.withUnsafeMutableBufferPointer { $0.baseAddress! }
    }

    /// Number of elements.
    public var count: Int { value.count }

    /// Fills `value` with uniform(−bound, bound) draws.
    public func initializeUniform(bound: Float, generator: inout SeededGenerator) {
        for index in value.indices {
            value[index] = (generator.nextUnitFloat() * 2 - 1) * bound
        }
    }

    /// Sets every gradient element to 0.
    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
