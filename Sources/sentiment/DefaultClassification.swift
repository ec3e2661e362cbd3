import Foundation
import Model
import Pipeline

/// `sentiment TEXT…`: classifies the arguments with the default model (or `--model`)
/// and prints one TSV line per text: label, confidence, text. (No cache: a handful of
/// texts costs less than opening the database.)
func classifyArguments(_ texts: [String], with model: SentimentModel, classes: ClassSubset? = nil) throws {
    let pipeline = ClassificationPipeline(classifier: model, cache: nil)
    pipeline.classes = classes
    let predictions = try pipeline.classify(texts)
    let writer = PredictLineWriter(format: .tsv, labels: pipeline.outputLabels, echo: true, threshold: nil)
    for (text, prediction) in zip(texts, predictions) {
        try StandardOutput.shared.write(writer.line(text, prediction))
    }
}
