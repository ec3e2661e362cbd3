import Corpus
import Files
import Foundation
import NN
import Text
import Vocabulary

/// What a finished (or interrupted) training run produced.
public struct TrainingResult: Sendable {
    public var outcome: TrainingOutcome
    public var model: URL
    public var labels: [String]
    public var bestEpoch: Int
    public var history: [EpochRecord]
    /// Dev metrics of the saved weights.
    public var dev: MetricsSummary?
    /// Test metrics of the saved weights, when a test file was given.
    public var test: ClassificationMetrics?
}

/// One `sentiment train`: read the corpora, build the vocabulary, encode, train with
/// early stopping, write the best model (and, while unfinished, a resume file).
public final class TrainingRun {
    public let setup: TrainingSetup
    /// Where rows, vocabulary and token ids come from (a cache, or the files themselves).
    public let data: TrainingDataSource
    /// Informational lines for the user (data sizes, coverage, where files went); the
    /// data preparation (TrainingDataPreparation.swift) writes them too.
    let log: (String) -> Void

    public init(setup: TrainingSetup, data: TrainingDataSource = ReadingTrainingData(),
                log: @escaping (String) -> Void = { _ in }) {
        self.setup = setup
        self.data = data
        self.log = log
    }

    /// Runs the whole training. `shouldStop` is polled between batches (Ctrl-C).
    public func run(onEvent: (TrainingEvent) -> Void = { _ in }, shouldStop: () -> Bool = { false }) throws -> TrainingResult {
        let keepsCheckpoints = try checkPaths()

        let isFineTuning = setup.initialModel != nil
        if isFineTuning, setup.vectors != nil {
            throw TrainingError("--vectors does not apply with --init: the embedding comes from the starting model")
        }
        let newClasses = isFineTuning && setup.newOutputLayer
        if isFineTuning, setup.labelNames != nil, !newClasses {
            throw TrainingError("--label-names does not apply with --init: the classes are the starting model's")
        }
        let resumed = setup.resume ? try ResumeState.read(from: setup.resumeURL, modelURL: setup.output) : nil
        // The starting model matters only to a run's first epoch: a resumed run has its
        // weights, vocabulary and classes in the resume file already.
        let initial = resumed == nil ? try setup.initialModel.map(loadInitialModel) : nil

        // The vectors file's header is checked before the corpora are read, so a wrong
        // path or width fails at once rather than after minutes of tokenizing.
        var embeddingDim = setup.embeddingDim ?? TrainingSetup.defaultEmbeddingDim
        if let url = setup.vectors {
            let width = try PretrainedVectors.dimension(of: url)
            if let asked = setup.embeddingDim, asked != width {
                throw TrainingError("\(url.path): vectors have \(width) dimensions but --embedding-dim is \(asked)")
            }
            embeddingDim = width
        }
        if let resumed {
            let differences = resumed.differences(from: setup, embeddingDim: embeddingDim)
            guard differences.isEmpty else {
                throw TrainingError("cannot resume: \(resumed.url.path) is from a run with other options: "
                    + differences.joined(separator: ", ")
                    + "; give that run's options (--epochs and --patience may change), or start afresh without --resume")
            }
        }

        // Fine-tuning keeps the starting model's classes (unless --new-classes).
        // With the classes come their aliases (the default model reads 0/1 as
        // negative/positive), to which --label-aliases may add.
        var keptClasses: KeptClasses?
        if isFineTuning, !newClasses {
            let start = resumed.map { ($0.file.labels, $0.file.configuration) } ?? initial.map { ($0.labels, $0.configuration) }
            keptClasses = start.map { labels, configuration in
                KeptClasses(labels: labels, sourceLabels: configuration.sourceLabels,
                            aliases: (configuration.labelAliases ?? [:]).merging(setup.labelAliases) { $1 })
            }
        }
        let labelAliases = keptClasses?.aliases ?? setup.labelAliases
        let prepared = try prepareData(vocabulary: resumed?.file.vocabulary ?? initial?.vocabulary, classes: keptClasses)
        let (labels, sourceLabels, vocabulary) = (prepared.labels, prepared.sourceLabels, prepared.vocabulary)
        let (fit, dev, test) = (prepared.fit, prepared.dev, prepared.test)
        if let resumed, let data = resumed.file.configuration.training?.data {
            // Same paths, other contents: the files changed since the interrupted run.
            var changed: [String] = []
            if data.trainRows != fit.count { changed.append("\(data.trainRows) training rows (now \(fit.count))") }
            if data.devRows != dev.count { changed.append("\(data.devRows) dev rows (now \(dev.count))") }
            if resumed.file.labels != labels {
                changed.append("classes \(resumed.file.labels.joined(separator: ", ")) (now \(labels.joined(separator: ", ")))")
            }
            guard changed.isEmpty else {
                throw TrainingError("cannot resume: \(resumed.url.path) is from a run with other data: "
                    + changed.joined(separator: ", ") + "; resume with the same files, or start afresh without --resume")
            }
        }

        // The network.
        let (classifier, vectorsRecord, initialRecord) = try makeNetwork(
            vocabulary: vocabulary, labels: labels, embeddingDim: embeddingDim, resumed: resumed, initial: initial,
            newClasses: newClasses)
        let config = classifier.config
        let parameterCount = classifier.parameters.reduce(0) { $0 + $1.value.count }
        log("model: \(config.directions == 2 ? "bidirectional " : "")\(config.cell.displayName) \(config.layers)×\(config.hiddenSize), embedding \(config.embeddingDim), \(config.pooling.rawValue) pooling, \(parameterCount) parameters")

        let trainer = Trainer(classifier: classifier, options: setup.training, train: fit, dev: dev,
                              progress: resumed?.progress ?? TrainingProgress())
        onEvent(.started(trainRows: fit.count, devRows: dev.count))
        if let initial, newClasses {
            log("init: \(initial.source): embedding and LSTM kept, a new output layer for \(labels.count) classes")
        } else if let initial, dev.count > 0 {
            let before = trainer.evaluate(dev, labels: labels)
            log("init: \(initial.source): dev accuracy \(percent(before.accuracy)), macro-F1 \(percent(before.macroF1)) before fine-tuning")
        }
        if let resumed {
            for (parameter, tensor) in zip(classifier.parameters, resumed.lastWeights) { parameter.value = tensor }
            trainer.setBestWeights(resumed.bestWeights)
            let optimizerRestored = try resumed.restoreOptimizer(trainer.optimizer)
            log("resuming after epoch \(resumed.progress.epochsDone) (best so far: epoch \(resumed.progress.bestEpoch))"
                + (optimizerRestored ? "" : "; the resume file predates saved optimizer state, so Adam restarts its moments"))
        }

        let checkpoints = TrainingCheckpoints(
            setup: setup, network: config, labels: labels, sourceLabels: sourceLabels, labelAliases: labelAliases,
            vocabulary: vocabulary, options: optionsRecord, vectors: vectorsRecord, initialModel: initialRecord,
            data: TrainingData(
                train: setup.trainPath, dev: setup.devPath, test: setup.testPath, trainRows: fit.count,
                devRows: dev.count, testRows: test?.count, devCarvedFromTrain: setup.devPath == nil),
            writesCheckpoints: keepsCheckpoints)
        var bestDev: MetricsSummary?
        var bestWritten = false
        let outcome: TrainingOutcome
        do {
            outcome = try trainer.run(
                labels: labels, onEvent: onEvent, shouldStop: shouldStop,
                onImproved: { trainer in
                    let record = trainer.progress.history.last!
                    if dev.count > 0 {
                        bestDev = MetricsSummary(rows: dev.count, accuracy: record.devAccuracy, macroF1: record.devMacroF1)
                    }
                    if try checkpoints.writeBest(of: trainer, dev: bestDev) { bestWritten = true }
                },
                onEpochEnd: { trainer in try checkpoints.writeResumeFile(of: trainer, dev: bestDev) })
        } catch var error as TrainingDivergedError {
            error.output = bestWritten
                ? "\(setup.output.path) holds epoch \(trainer.progress.bestEpoch), the best before"
                : "\(setup.output.path) was left as it was"
            throw error
        }
        if bestDev == nil, dev.count > 0, let best = trainer.progress.history.first(where: { $0.epoch == trainer.progress.bestEpoch }) {
            bestDev = MetricsSummary(rows: dev.count, accuracy: best.devAccuracy, macroF1: best.devMacroF1)
        }

        // The classifier now holds the best weights: score the test set with them and
        // record everything in the final file.
        if setup.storage == .float16 {
            // Score exactly what the file will hold.
            for parameter in classifier.parameters {
                parameter.value = parameter.value.map { float32(fromFloat16Bits: float16Bits($0)) }
            }
        }
        var calibration: CalibrationRecord?
        if setup.calibrate, trainer.progress.bestEpoch > 0, dev.count > 0 {
            calibration = calibrate(classifier, on: dev)
            log("calibration: temperature \(String(format: "%.3f", calibration!.temperature)) on \(dev.count) dev rows; "
                + "ECE \(String(format: "%.4f", calibration!.devECEBefore)) → \(String(format: "%.4f", calibration!.devECEAfter)), "
                + "NLL \(String(format: "%.4f", calibration!.devNLLBefore)) → \(String(format: "%.4f", calibration!.devNLLAfter))")
        }
        var testMetrics: ClassificationMetrics?
        if let test, trainer.progress.bestEpoch > 0 {
            testMetrics = trainer.evaluate(test, labels: labels)
        }
        if trainer.progress.bestEpoch > 0 {
            let summary = testMetrics.map { MetricsSummary(rows: $0.count, accuracy: $0.accuracy, macroF1: $0.macroF1) }
            try checkpoints.writeFinal(classifier, of: trainer, dev: bestDev, test: summary, calibration: calibration)
        }
        if outcome != .interrupted {
            try? FileManager.default.removeItem(at: setup.resumeURL)
        }
        return TrainingResult(outcome: outcome, model: setup.output, labels: labels, bestEpoch: trainer.progress.bestEpoch,
                              history: trainer.progress.history, dev: bestDev, test: testMetrics)
    }

    /// Checks every path before anything is read: where the model goes (a folder, a
    /// missing folder or an input named as the output fails now, not after the last
    /// epoch) and every corpus (a missing --test fails before the training file is read).
    /// - Returns: whether checkpoints are written: not for a device or FIFO
    ///   (`-o /dev/null`), which gets the final model only and no resume file beside it.
    private func checkPaths() throws -> Bool {
        let output = try OutputTarget(checking: setup.output.path)
        var inputs = [setup.trainPath] + [setup.devPath, setup.testPath, setup.vectors?.path].compactMap { $0 }
        if case .file(let url) = setup.initialModel { inputs.append(url.path) }
        try output.refuseOverwriting(inputs: inputs)
        let keepsCheckpoints = !output.kind.isWrittenInPlace
        if keepsCheckpoints { _ = try OutputTarget(checking: setup.resumeURL.path) }
        for path in [setup.trainPath] + [setup.devPath, setup.testPath].compactMap({ $0 }) {
            try CorpusReader(path: path, options: setup.readOptions).checkAccess()
        }
        return keepsCheckpoints
    }

    /// The network a run starts from: a resumed run's shape, a starting model's weights
    /// (all but the output layer with `newClasses`), or a fresh one with pretrained
    /// vectors in its embedding; and what the model card records of where it came from.
    private func makeNetwork(vocabulary: Vocabulary, labels: [String], embeddingDim: Int, resumed: ResumeState?,
                             initial: SentimentModel?, newClasses: Bool)
        throws -> (Classifier, VectorsRecord?, InitialModelRecord?)
    {
            var vectors: PretrainedVectors?
            if let url = setup.vectors, resumed == nil {
                vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
            }
            var config = resumed?.file.configuration.classifierConfig ?? initial?.configuration.classifierConfig ?? ClassifierConfig(
                vocabularySize: vocabulary.count, embeddingDim: embeddingDim, hiddenSize: setup.hiddenSize,
                layers: setup.layers, classCount: labels.count, dropout: setup.dropout, pooling: setup.pooling,
                cell: setup.cell, directions: setup.directions)
            if newClasses { config.classCount = labels.count }
            let classifier = Classifier(config: config, seed: setup.training.seed)
            var vectorsRecord: VectorsRecord? = resumed?.file.configuration.training?.vectors
            var initialRecord: InitialModelRecord? = resumed?.file.configuration.training?.initialModel
            if let initial {
                for parameter in classifier.parameters where !(newClasses && parameter.name.hasPrefix("fc.")) {
                    // Same configuration (but perhaps the class count), so the embedding and
                    // LSTM parameters exist with the same shapes.
                    parameter.value = initial.classifier.parameter(named: parameter.name)!.value
                }
                initialRecord = InitialModelRecord(file: initial.source, fingerprint: initial.fingerprint)
            }
            if let vectors, let url = setup.vectors {
                initializeEmbedding(classifier, from: vectors, seed: setup.training.seed)
                let covered = vectors.foundCount, total = vocabulary.count - 2
                log("vectors: \(url.relativePath): \(covered) of \(total) vocabulary tokens found (\(percent(Double(covered) / Double(max(1, total)))))"
                    + (setup.training.freezeEmbeddings ? ", embeddings frozen" : ""))
                vectorsRecord = VectorsRecord(file: url.relativePath, dimension: vectors.dimension, found: covered,
                                              vocabularySize: vocabulary.count, frozen: setup.training.freezeEmbeddings)
            }
        return (classifier, vectorsRecord, initialRecord)
    }

    /// Fits the temperature of `classifier` on `dev` (its logits as they are now) and sets
    /// it; returns the fit with the dev set's ECE and NLL before and after.
    private func calibrate(_ classifier: Classifier, on dev: EncodedExamples) -> CalibrationRecord {
        let logits = logitsOfEncoded(dev.sequences, with: classifier)
        let temperature = Calibration.fitTemperature(logits: logits, truth: dev.labels)
        let before = CalibrationMetrics(probabilities: Calibration.probabilities(logits: logits, temperature: 1), truth: dev.labels)
        let after = CalibrationMetrics(probabilities: Calibration.probabilities(logits: logits, temperature: temperature), truth: dev.labels)
        classifier.temperature = temperature
        return CalibrationRecord(
            temperature: temperature, devRows: dev.count,
            devECEBefore: before.expectedCalibrationError, devECEAfter: after.expectedCalibrationError,
            devNLLBefore: before.negativeLogLikelihood, devNLLAfter: after.negativeLogLikelihood)
    }


    /// The model `--init` names, loaded and checked like any model file.
    private func loadInitialModel(_ initial: TrainingSetup.InitialModel) throws -> SentimentModel {
        switch initial {
        case .file(let url): return try SentimentModel.load(contentsOf: url)
        case .embeddedDefault: return try SentimentModel.embeddedDefault()
        }
    }

    private var optionsRecord: TrainingOptionsRecord {
        let options = setup.training
        return TrainingOptionsRecord(
            epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate,
            optimizer: options.weightDecay > 0 && options.decoupledWeightDecay ? "adamw" : "adam",
            weightDecay: options.weightDecay, clip: options.clip, patience: options.patience,
            plateauDecay: options.plateauDecay,
            metric: options.metric.rawValue, classWeights: options.classWeights, minCount: setup.minCount,
            maxVocabulary: setup.maxVocabulary, freezeEmbeddings: options.freezeEmbeddings)
    }

}




