import Foundation
import Pipeline

/// Classifies standard input line by line (`predict`; `sentiment -`, and `sentiment`
/// with no TEXT when its input is not a terminal): one result line per input line,
/// written and flushed as soon as it is ready; a burst of lines is classified in
/// micro-batches of at most `maxBatch` lines, waiting at most `burstWait` seconds for one
/// to fill.
func classifyStandardInput(command: String, model: ClassifyingModelOptions, classes: ClassChoiceOptions,
                           cache: CacheOptions, writer makeWriter: ([String]) -> PredictLineWriter,
                           maxBatch: Int = LineBatcher.defaultMaxBatch,
                           burstWait: TimeInterval = LineBatcher.defaultBurstWait) throws {
    let run = try CachedClassificationRun(command: command, cache: cache, model: model, classes: classes)
    let pipeline = run.pipeline
    let batcher = LineBatcher(reader: LineReader(), maxBatch: maxBatch, burstWait: burstWait)
    let writer = makeWriter(pipeline.outputLabels)
    try pipeline.run(
        chunks: { try batcher.nextBatch()?.map { TextItem(tag: $0.number, text: $0.text) } },
        cancel: batcher.cancel
    ) { results in
        for result in results { try StandardOutput.shared.write(writer.line(result.text, result.prediction)) }
        try StandardOutput.shared.flush()
    }
    try run.finish()
}
