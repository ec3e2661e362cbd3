import ArgumentParser
import Foundation
import Model
import Pipeline

/// `--model FILE`: the model `classify` and `predict` run; the embedded default without it.
struct ClassifyingModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "A model file (.safetensors) from 'sentiment train' (default: the embedded English model).",
        valueName: "file"))
    var modelPath: String?

    func load() throws -> SentimentModel {
        if let modelPath {
            return try SentimentModel.load(contentsOf: URL(fileURLWithPath: modelPath))
        }
        return try SentimentModel.embeddedDefault()
    }
}
