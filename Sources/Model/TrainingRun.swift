import Corpus
import Files
import Foundation

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
    /// The run's options; text handling that was not chosen is filled in from the
    /// starting model or the resumed run (`startingPoint`).
    public internal(set) var setup: TrainingSetup
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
        let start = try startingPoint()
        if keepsCheckpoints, !setup.resume, FileManager.default.fileExists(atPath: setup.resumeURL.path) {
            // The fresh run's first epoch replaces it: say so while --resume can still run.
            log("warning: \(setup.resumeURL.path) holds an interrupted run, which this fresh run replaces "
                + "(stop now and add --resume to continue that one)")
        }
        let prepared = try prepareData(vocabulary: start.resumed?.file.vocabulary ?? start.initial?.vocabulary,
                                       classes: start.keptClasses)
        if let resumed = start.resumed { try checkSameData(resumed, prepared) }
        let (labels, vocabulary, fit, dev) = (prepared.labels, prepared.vocabulary, prepared.fit, prepared.dev)

        let (classifier, vectorsRecord, initialRecord) = try makeNetwork(vocabulary: vocabulary, labels: labels, start: start)
        let config = classifier.config
        let parameterCount = classifier.parameters.reduce(0) { $0 + $1.count }
        log("model: \(config.directions == 2 ? "bidirectional " : "")\(config.cell.displayName) \(config.layers)×\(config.hiddenSize), embedding \(config.embeddingDim), \(config.pooling.rawValue) pooling, \(parameterCount) parameters")
        let progress = start.resumed?.progress ?? TrainingProgress()
        let trainer = Trainer(classifier: classifier, options: setup.training, train: fit, dev: dev, progress: progress)
        onEvent(.started(trainRows: fit.count, devRows: dev.count, earlier: progress.history, bestEpoch: progress.bestEpoch))
        try begin(trainer, from: start, labels: labels, dev: dev)

        let checkpoints = TrainingCheckpoints(
            setup: setup, network: config, labels: labels, sourceLabels: prepared.sourceLabels,
            labelAliases: start.labelAliases, vocabulary: vocabulary, options: optionsRecord, vectors: vectorsRecord,
            initialModel: initialRecord,
            data: TrainingData(
                train: setup.trainPath, dev: setup.devPath, test: setup.testPath, trainRows: fit.count,
                devRows: dev.count, testRows: prepared.test?.count, devCarvedFromTrain: setup.devPath == nil),
            writesCheckpoints: keepsCheckpoints)
        let (outcome, bestDev) = try trainEpochs(trainer, labels: labels, dev: dev, checkpoints: checkpoints,
                                                 onEvent: onEvent, shouldStop: shouldStop)
        let testMetrics = try finish(classifier, trainer: trainer, labels: labels, dev: dev, test: prepared.test,
                                     bestDev: bestDev, checkpoints: checkpoints)
        if outcome != .interrupted {
            try? FileManager.default.removeItem(at: setup.resumeURL)
        }
        return TrainingResult(outcome: outcome, model: setup.output, labels: labels, bestEpoch: trainer.progress.bestEpoch,
                              history: trainer.progress.history, dev: bestDev, test: testMetrics)
    }

    /// Refuses a resume whose files have other contents under the same paths.
    private func checkSameData(_ resumed: ResumeState, _ prepared: PreparedTrainingData) throws {
        guard let data = resumed.file.configuration.training?.data else { return }
        var changed: [String] = []
        if data.trainRows != prepared.fit.count { changed.append("\(data.trainRows) training rows (now \(prepared.fit.count))") }
        if data.devRows != prepared.dev.count { changed.append("\(data.devRows) dev rows (now \(prepared.dev.count))") }
        if resumed.file.labels != prepared.labels {
            changed.append("classes \(resumed.file.labels.joined(separator: ", ")) (now \(prepared.labels.joined(separator: ", ")))")
        }
        guard changed.isEmpty else {
            throw TrainingError("cannot resume: \(resumed.url.path) is from a run with other data: "
                + changed.joined(separator: ", ") + "; resume with the same files, or start afresh without --resume")
        }
    }

    /// Says where the run starts (a fine-tuned model's dev score before training), and
    /// puts a resumed run's weights and optimizer state back.
    private func begin(_ trainer: Trainer, from start: StartingPoint, labels: [String], dev: EncodedExamples) throws {
        if let initial = start.initial, start.newClasses {
            log("init: \(initial.source): embedding and LSTM kept, a new output layer for \(labels.count) classes")
        } else if let initial = start.initial, dev.count > 0 {
            let before = trainer.evaluate(dev, labels: labels)
            log("init: \(initial.source): dev accuracy \(percent(before.accuracy)), macro-F1 \(percent(before.macroF1)) before fine-tuning")
        }
        if let resumed = start.resumed {
            for (parameter, tensor) in zip(trainer.classifier.parameters, resumed.lastWeights) { parameter.value = tensor }
            trainer.setBestWeights(resumed.bestWeights)
            let optimizerRestored = try resumed.restoreOptimizer(trainer.optimizer)
            log("resuming after epoch \(resumed.progress.epochsDone) (best so far: epoch \(resumed.progress.bestEpoch))"
                + (optimizerRestored ? "" : "; the resume file predates saved optimizer state, so Adam restarts its moments"))
        }
    }

    /// The epochs, writing the model at each improvement and the resume file after each
    /// epoch but the last. Returns how the loop ended and the dev metrics of the best epoch.
    private func trainEpochs(_ trainer: Trainer, labels: [String], dev: EncodedExamples, checkpoints: TrainingCheckpoints,
                             onEvent: (TrainingEvent) -> Void, shouldStop: () -> Bool)
        throws -> (TrainingOutcome, MetricsSummary?)
    {
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
                onEpochEnd: { trainer in
                    // After the last epoch the run finishes and removes the resume file at
                    // once; if finishing fails, the output holds the best epoch.
                    guard trainer.progress.epochsDone < setup.training.epochs else { return }
                    try checkpoints.writeResumeFile(of: trainer, dev: bestDev)
                })
        } catch var error as TrainingDivergedError {
            error.output = bestWritten
                ? "\(setup.output.path) holds epoch \(trainer.progress.bestEpoch), the best before"
                : "\(setup.output.path) was left as it was"
            throw error
        }
        if bestDev == nil, dev.count > 0, let best = trainer.progress.history.first(where: { $0.epoch == trainer.progress.bestEpoch }) {
            bestDev = MetricsSummary(rows: dev.count, accuracy: best.devAccuracy, macroF1: best.devMacroF1)
        }
        return (outcome, bestDev)
    }

    /// With the best weights in `classifier`: rounds them as the file will store them,
    /// fits the temperature, scores the test set, and writes the final model.
    private func finish(_ classifier: Classifier, trainer: Trainer, labels: [String], dev: EncodedExamples,
                        test: EncodedExamples?, bestDev: MetricsSummary?, checkpoints: TrainingCheckpoints)
        throws -> ClassificationMetrics?
    {
        guard trainer.progress.bestEpoch > 0 else { return nil }
        if setup.storage == .float16 {
            // Score exactly what the file will hold.
            for parameter in classifier.parameters {
                parameter.value = parameter.value.map { float32(fromFloat16Bits: float16Bits($0)) }
            }
        }
        var calibration: CalibrationRecord?
        if setup.calibrate, dev.count > 0 {
            // The best epoch's dev logits are the ones to fit on unless the weights were
            // just rounded to float16.
            let fit = calibrate(classifier, on: dev, logits: setup.storage == .float32 ? trainer.bestDevLogits : nil)
            let fitted = fit.record(data: nil)
            calibration = fitted
            let over = fit.classesScored.map { " over their \($0.count) classes" } ?? ""
            log("calibration: temperature \(String(format: "%.3f", fitted.temperature)) on \(dev.count) dev rows\(over); "
                + "ECE \(String(format: "%.4f", fitted.devECEBefore)) → \(String(format: "%.4f", fitted.devECEAfter)), "
                + "NLL \(String(format: "%.4f", fitted.devNLLBefore)) → \(String(format: "%.4f", fitted.devNLLAfter))")
            if let warning = fit.separatedRowsWarning { log("warning: dev set: \(warning); refit on more text of your "
                + "domain with 'sentiment calibrate', or train with --no-calibrate") }
        }
        let testMetrics = test.map { trainer.evaluate($0, labels: labels) }
        let summary = testMetrics.map { MetricsSummary(rows: $0.count, accuracy: $0.accuracy, macroF1: $0.macroF1) }
        try checkpoints.writeFinal(classifier, of: trainer, dev: bestDev, test: summary, calibration: calibration)
        return testMetrics
    }

    /// Checks every path before anything is read: where the model goes (a folder, a
    /// missing folder, an input or a cache database named as the output fails now, not
    /// after the last epoch), every corpus (a missing --test fails before the training file
    /// is read) and the vectors file.
    /// - Returns: whether checkpoints are written: not for a device or FIFO
    ///   (`-o /dev/null`), which gets the final model only and no resume file beside it.
    private func checkPaths() throws -> Bool {
        let output = try OutputTarget(checking: setup.output.path)
        var inputs = [setup.trainPath] + [setup.devPath, setup.testPath, setup.vectors?.path].compactMap { $0 }
        if case .file(let url) = setup.initialModel { inputs.append(url.path) }
        try output.refuseOverwriting(inputs: inputs)
        try output.refuseReplacing(databaseFiles: setup.databaseFiles)
        let keepsCheckpoints = !output.kind.isWrittenInPlace
        if keepsCheckpoints { try OutputTarget(checking: setup.resumeURL.path).refuseReplacing(databaseFiles: setup.databaseFiles) }
        for path in [setup.trainPath] + [setup.devPath, setup.testPath].compactMap({ $0 }) {
            try CorpusReader(path: path, options: setup.readOptions).checkAccess()
        }
        // With --init or --resume the vectors are not read (the start says why they do not apply).
        if let vectors = setup.vectors, setup.initialModel == nil, !setup.resume {
            try PretrainedVectors.checkIsAFile(vectors)
        }
        return keepsCheckpoints
    }

    /// Fits the temperature of `classifier` on `dev` (its logits as they are now; over the
    /// dev set's classes when it holds fewer than the model, as its epochs were scored) and
    /// sets it; returns the fit with the dev set's ECE and NLL before (T = 1) and after.
    private func calibrate(_ classifier: Classifier, on dev: EncodedExamples, logits: [[Float]]?) -> Recalibration {
        let fit = Recalibration(logits: logits ?? logitsOfEncoded(dev.sequences, with: classifier), truth: dev.labels,
                                temperatureBefore: 1, withOffsets: false)
        classifier.temperature = fit.temperature
        return fit
    }

    private var optionsRecord: TrainingOptionsRecord {
        let options = setup.training
        return TrainingOptionsRecord(
            epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate,
            optimizer: options.optimizerName,
            weightDecay: options.weightDecay, clip: options.clip, patience: options.patience,
            plateauDecay: options.plateauDecay,
            metric: options.metric.rawValue, classWeights: options.classWeights, minCount: setup.minCount,
            maxVocabulary: setup.maxVocabulary, freezeEmbeddings: options.freezeEmbeddings)
    }
}
