/// One step of the pipeline: a chunk of inputs in, the chunk of outputs out, one
/// output per input and in the same order (the runner relies on both).
///
/// Stages take whole chunks rather than single items so that the work that batches
/// well (a SELECT for many keys, a GEMM for many sequences) sees many items at once.
public protocol Stage<Input, Output> {
    associatedtype Input
    associatedtype Output
    func process(_ chunk: [Input]) throws -> [Output]
}

/// Two stages run one after the other: `first.then(second)`.
public struct ChainedStage<First: Stage, Second: Stage>: Stage where First.Output == Second.Input {
    public let first: First
    public let second: Second

    public func process(_ chunk: [First.Input]) throws -> [Second.Output] {
        try second.process(try first.process(chunk))
    }
}

extension Stage {
    /// This stage, then `next` on its output.
    public func then<Next: Stage>(_ next: Next) -> ChainedStage<Self, Next> where Next.Input == Output {
        ChainedStage(first: self, second: next)
    }
}

/// A stage made of a closure: for sinks, adapters and tests.
public struct ClosureStage<Input, Output>: Stage {
    let body: ([Input]) throws -> [Output]

    public init(_ body: @escaping ([Input]) throws -> [Output]) {
        self.body = body
    }

    public func process(_ chunk: [Input]) throws -> [Output] {
        try body(chunk)
    }
}
