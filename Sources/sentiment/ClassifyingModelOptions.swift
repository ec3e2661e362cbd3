import ArgumentParser
import Foundation
import Model
import Pipeline
import Store

/// `--model FILE`: the model `classify` and `predict` run; the embedded default without it.
struct ClassifyingModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "A model file (.safetensors) from 'sentiment train' (default, or 'default': the embedded English model).",
        valueName: "file"))
    var givenModelPath: String?

    /// The model file, or nil for the embedded model (`--model default` too).
    var modelPath: String? { modelFile(givenModelPath) }

    func validate() throws {
        // URL(fileURLWithPath: "") is the current folder: say what is wrong instead.
        if givenModelPath?.isEmpty == true { throw ValidationError("--model needs a file path, not an empty string") }
    }

    func load() throws -> SentimentModel {
        try loadModel(modelPath)
    }

    /// The model for a run through the prediction cache. A model the cache has seen
    /// (same file bytes) is decoded only when a text misses the cache; any other is
    /// decoded (and checked) now. A `--model` file is read once either way: its digest
    /// finds it in the cache, and the model is decoded from the same bytes.
    func classifier(cachedIn database: CacheDatabase?) throws -> TextClassifier {
        let bytes = try readModelFile()
        guard let database, let fingerprint = bytes?.digest ?? SentimentModel.embeddedDefaultFingerprint,
              let labels = try PredictionCache.labels(ofModel: fingerprint, in: database)
        else { return try load(from: bytes) }
        return LazyClassifier(fingerprint: fingerprint, labels: labels, load: { try load(from: bytes) })
    }

    /// The `--model` file's bytes, or nil for the embedded model.
    private func readModelFile() throws -> ModelBytes? {
        try modelPath.map { try ModelBytes.read(contentsOf: URL(fileURLWithPath: $0)) }
    }

    private func load(from bytes: ModelBytes?) throws -> SentimentModel {
        guard let bytes, let modelPath else { return try SentimentModel.embeddedDefault() }
        return try SentimentModel.load(bytes: bytes, source: modelPath)
    }
}

/// Loads `--model PATH`, or the embedded default model when none is given or PATH is
/// `default` (`eval`, `info`, `calibrate`, `average`, and the commands above when they run
/// without the cache). The model is named as the user named it, as data files are
/// (reports, pictures and errors then show `demo.safetensors`, not this machine's folders).
func loadModel(_ path: String?) throws -> SentimentModel {
    if let path = modelFile(path) { return try SentimentModel.load(contentsOf: URL(fileURLWithPath: path)) }
    return try SentimentModel.embeddedDefault()
}

/// A model path as the user gave it, or nil for the embedded model: no path, or the word
/// `default` when no file of that name is there. One rule for `--model`, `average`'s
/// models and `train --init`.
func modelFile(_ path: String?) -> String? {
    guard let path, !(path == "default" && !FileManager.default.fileExists(atPath: path)) else { return nil }
    return path
}
