/// A training run that cannot start or continue because of its input: names the file
/// (and line) or the option at fault.
public struct TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Training produced a loss or weights that are not finite numbers (nearly always too
/// high a learning rate): the run stops before such an epoch is scored, marked best or
/// saved. A runtime failure (status 1), not a usage error: the options were valid.
public struct TrainingDivergedError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The epoch (1-based) in which it happened.
    public var epoch: Int
    /// The batch (1-based), or nil when found in the weights at the end of the epoch.
    public var batch: Int?
    /// What was not finite, e.g. "the loss is nan".
    public var finding: String
    public var learningRate: Float
    /// What became of the output file, added by `TrainingRun`.
    public var output: String?

    public init(epoch: Int, batch: Int?, finding: String, learningRate: Float) {
        self.epoch = epoch
        self.batch = batch
        self.finding = finding
        self.learningRate = learningRate
    }

    public var description: String {
        "training diverged in epoch \(epoch)\(batch.map { ", batch \($0)" } ?? ""): \(finding); "
            + "try a lower --lr (this run: \(learningRate))" + (output.map { "; \($0)" } ?? "")
    }
}
