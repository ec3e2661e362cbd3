import Corpus
import Vocabulary

/// What a training run writes while it runs: the model file after each better epoch,
/// the resume file after every epoch but the last, and the final model with its test scores and
/// calibration. One place builds the model card (`ModelConfiguration`) for all three.
struct TrainingCheckpoints {
    let setup: TrainingSetup
    let network: ClassifierConfig
    let labels: [String]
    let sourceLabels: LabelSet
    let labelAliases: [String: String]
    let vocabulary: Vocabulary
    let options: TrainingOptionsRecord
    let vectors: VectorsRecord?
    let initialModel: ModelFileRecord?
    let data: TrainingData
    /// False when the output is a device or FIFO (`-o /dev/null`): only the final model
    /// is written, and no resume file.
    let writesCheckpoints: Bool

    /// The model card as of `trainer`'s progress.
    func configuration(storage: TensorStorage, of trainer: Trainer, dev: MetricsSummary?, test: MetricsSummary?) -> ModelConfiguration {
        var configuration = ModelConfiguration(
            classifier: network, maxLength: setup.maxLength, tokenizer: setup.tokenizer, storage: storage,
            training: TrainingRecord(
                seed: setup.training.seed, data: data, options: options, epochsRun: trainer.progress.epochsDone,
                bestEpoch: trainer.progress.bestEpoch, history: trainer.progress.history, dev: dev, test: test,
                vectors: vectors, initialModel: initialModel))
        configuration.sourceLabels = sourceLabels.names
        configuration.labelAliases = labelAliases.isEmpty ? nil : labelAliases
        return configuration
    }

    /// Writes the epoch that just improved to the output (in the storage asked for).
    /// - Returns: whether a file was written.
    func writeBest(of trainer: Trainer, dev: MetricsSummary?) throws -> Bool {
        guard writesCheckpoints else { return false }
        try SentimentModelFile(
            classifier: trainer.classifier,
            configuration: configuration(storage: setup.storage, of: trainer, dev: dev, test: nil),
            labels: labels, vocabulary: vocabulary
        ).write(to: setup.output)
        return true
    }

    /// Writes the resume file: the last weights in float32, the best ones, the optimizer.
    func writeResumeFile(of trainer: Trainer, dev: MetricsSummary?) throws {
        guard writesCheckpoints else { return }
        let file = SentimentModelFile(
            classifier: trainer.classifier,
            configuration: configuration(storage: .float32, of: trainer, dev: dev, test: nil),
            labels: labels, vocabulary: vocabulary)
        try ResumeState.write(file: file, progress: trainer.progress, optimizer: trainer.optimizer, to: setup.resumeURL)
    }

    /// Writes the finished model: `classifier` (holding the best weights), its test
    /// scores and its calibration.
    func writeFinal(_ classifier: Classifier, of trainer: Trainer, dev: MetricsSummary?, test: MetricsSummary?,
                    calibration: CalibrationRecord?) throws {
        var final = configuration(storage: setup.storage, of: trainer, dev: dev, test: test)
        final.calibration = calibration
        try SentimentModelFile(classifier: classifier, configuration: final, labels: labels, vocabulary: vocabulary)
            .write(to: setup.output)
    }
}
