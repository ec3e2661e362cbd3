import Foundation
import Model

/// A model known by its fingerprint and labels, loaded only when a text misses the
/// prediction cache: `echo "great movie" | sentiment predict` answered from the cache
/// never decodes the model file.
public final class LazyClassifier: TextClassifier, @unchecked Sendable {
    public let labels: [String]
    public let fingerprint: String
    private let load: () throws -> SentimentModel
    private let lock = NSLock()
    private var loaded: Result<SentimentModel, Error>?

    /// - Parameters:
    ///   - fingerprint: `contentDigest` of the model file's bytes (what
    ///     `SentimentModel.fingerprint` is).
    ///   - labels: the model's labels, as the cache recorded them for this fingerprint.
    ///   - load: loads the model on first use; its error is thrown by that use.
    public init(fingerprint: String, labels: [String], load: @escaping () throws -> SentimentModel) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.load = load
    }

    /// Whether the model has been loaded (by a cache miss).
    public var isLoaded: Bool {
        lock.lock(); defer { lock.unlock() }
        return loaded != nil
    }

    public func model() throws -> SentimentModel {
        lock.lock()
        defer { lock.unlock() }
        if loaded == nil { loaded = Result { try load() } }
        return try loaded!.get()
    }

    public func encode(_ text: String) throws -> [Int32] {
        try model().encoder.encode(text)
    }

    public func probabilities(for encoded: [[Int32]], batchSize: Int) throws -> [[Float]] {
        try model().probabilities(for: encoded, batchSize: batchSize)
    }
}
