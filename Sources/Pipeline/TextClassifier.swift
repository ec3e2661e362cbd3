/// What the pipeline needs from a model: its identity, its tokenizer, its forward pass.
/// `SentimentModel` conforms; tests use small fakes.
public protocol TextClassifier: AnyObject {
    /// Label names in class order.
    var labels: [String] { get }
    /// Identity of the model file: predictions are cached under it.
    var fingerprint: String { get }
    /// Token ids of `text`, never empty. Called from the front lane, concurrently with
    /// `probabilities`: must be thread-safe.
    /// Throws only when the model cannot be loaded (see `LazyClassifier`).
    func encode(_ text: String) throws -> [Int32]
    /// One row of class probabilities per sequence, in input order, computed in forward
    /// passes of at most `batchSize` sequences (the model sorts and cuts them). Called
    /// from one thread at a time.
    func probabilities(for encoded: [[Int32]], batchSize: Int) throws -> [[Float]]
}
