import Foundation
import NN

/// The resume file, `MODEL.resume`, kept beside the model while a run is unfinished and
/// rewritten atomically after every epoch. It is itself a model file (float32) holding
/// the *last* epoch's weights, with one more metadata key, `resume`: the JSON
/// `TrainingProgress` (epochs done, best epoch and score, patience count, history).
/// The best weights are the model file's own. Adam's moments are not saved: a resumed
/// run restarts them (bias correction makes that a gentle warm restart), so it is
/// close to, not bit-identical with, an uninterrupted run.
struct ResumeState {
    static let metadataKey = "resume"

    var file: SentimentModelFile
    var progress: TrainingProgress
    /// Parameter values after the last finished epoch, in state-dict order.
    var lastWeights: [[Float]]
    /// Parameter values of the best epoch (from the model file).
    var bestWeights: [[Float]]

    static func write(file: SentimentModelFile, progress: TrainingProgress, optimizer: Adam,
                      parameters: [Parameter], to url: URL) throws {
        var safetensors = file.safetensors()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        safetensors.metadata[metadataKey] = String(decoding: try encoder.encode(progress), as: UTF8.self)
        try safetensors.write(to: url)
    }

    static func read(from url: URL, modelURL: URL) throws -> ResumeState {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError("nothing to resume: \(url.path) does not exist (it is removed when a run finishes)")
        }
        let safetensors = try SafetensorsFile.read(contentsOf: url)
        guard let progressText = safetensors.metadata[metadataKey],
              let progress = try? JSONDecoder().decode(TrainingProgress.self, from: Data(progressText.utf8))
        else {
            throw ModelFileError(file: url.path, problem: .badMetadata(key: metadataKey, detail: "missing or not valid JSON"))
        }
        let file = try SentimentModelFile.decode(safetensors, file: url.path)
        var bestWeights = file.tensors.map(\.values)
        if progress.bestEpoch > 0 {
            let best = try SentimentModelFile.read(contentsOf: modelURL)
            guard best.configuration.classifierConfig == file.configuration.classifierConfig else {
                throw TrainingError("\(modelURL.path) does not match \(url.path): they come from different runs")
            }
            bestWeights = best.tensors.map(\.values)
        }
        return ResumeState(file: file, progress: progress, lastWeights: file.tensors.map(\.values), bestWeights: bestWeights)
    }

    /// Adam's moments are not in the file (see the type's note); nothing to restore yet.
    func restoreOptimizer(_ optimizer: Adam, parameters: [Parameter]) {}
}
