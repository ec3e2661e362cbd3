/// How the classifier turns the BiLSTM's per-token outputs into one vector per text.
public enum Pooling: String, Codable, CaseIterable, Sendable {
    /// Forward final state ∥ reverse final state (PyTorch's `h_n`), the default.
    case last
    /// Element-wise maximum over the real tokens.
    case max
    /// Element-wise mean over the real tokens.
    case mean
}
