import ArgumentParser
import Foundation
import Model
import Pipeline
import Store

/// `--model FILE`: the model `classify` and `predict` run; the embedded default without it.
struct ClassifyingModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "A model file (.safetensors) from 'sentiment train' (default: the embedded English model).",
        valueName: "file"))
    var modelPath: String?

    func validate() throws {
        // URL(fileURLWithPath: "") is the current folder: say what is wrong instead.
        if modelPath?.isEmpty == true { throw ValidationError("--model needs a file path, not an empty string.") }
    }

    func load() throws -> SentimentModel {
        if let modelPath {
            return try SentimentModel.load(contentsOf: URL(fileURLWithPath: modelPath))
        }
        return try SentimentModel.embeddedDefault()
    }

    /// The model for a run through the prediction cache. A model the cache has seen
    /// (same file bytes) is loaded only when a text misses the cache; any other is
    /// loaded (and checked) now.
    func classifier(cachedIn database: CacheDatabase?) throws -> TextClassifier {
        guard let database, let fingerprint = fileFingerprint(),
              let labels = try PredictionCache.labels(ofModel: fingerprint, in: database)
        else { return try load() }
        return LazyClassifier(fingerprint: fingerprint, labels: labels, load: load)
    }

    /// `SentimentModel.fingerprint` without decoding the model: the digest of its bytes.
    private func fileFingerprint() -> String? {
        guard let modelPath else { return SentimentModel.embeddedDefaultFingerprint }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: modelPath)) else { return nil }
        return data.withUnsafeBytes { contentDigest($0) }
    }
}
