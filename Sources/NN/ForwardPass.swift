/// What a forward pass is for, which decides what it does and what it keeps.
public enum ForwardPass: Sendable {
    /// Dropout on; every activation kept for `backward`.
    case training
    /// No dropout; every activation kept, for a backward pass that takes gradients with
    /// respect to the input (`explain`) and for gate traces.
    case evaluation
    /// No dropout; nothing kept but each layer's output: answers only (`classify`,
    /// `eval`, a dev set's scores). Each cell runs `infer`.
    case inference

    /// Dropout applies in training only.
    public var usesDropout: Bool { self == .training }
}
