import Foundation
import Pipeline

/// `sentiment TEXT…`: classifies the arguments with the default model (or `--model`)
/// through the prediction cache, like `predict`, and prints one TSV line per text:
/// label, confidence, text.
func classifyArguments(_ texts: [String], model: ClassifyingModelOptions, classes: ClassChoiceOptions,
                       cache: CacheOptions) throws {
    let run = try CachedClassificationRun(command: "sentiment", cache: cache, model: model, classes: classes)
    let predictions = try run.pipeline.classify(texts)
    let writer = PredictLineWriter(format: .tsv, labels: run.pipeline.outputLabels, echo: true, threshold: nil)
    for (text, prediction) in zip(texts, predictions) {
        try StandardOutput.shared.write(writer.line(text, prediction))
    }
    try run.finish()
}
