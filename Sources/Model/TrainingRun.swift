import Corpus
import Files
import Foundation
import NN
import Text
import Vocabulary

/// The examples a training run learns from, ready for the trainer.
public struct PreparedTrainingData: Sendable {
    /// Class names, in class order.
    public var labels: [String]
    /// The labels as the training file writes them, in class order.
    public var sourceLabels: LabelSet
    public var vocabulary: Vocabulary
    public var fit: EncodedExamples
    public var dev: EncodedExamples
    public var test: EncodedExamples?
}

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
    /// Informational lines for the user (data sizes, coverage, where files went).
    private let log: (String) -> Void

    public init(setup: TrainingSetup, data: TrainingDataSource = ReadingTrainingData(),
                log: @escaping (String) -> Void = { _ in }) {
        self.setup = setup
        self.data = data
        self.log = log
    }

    /// Runs the whole training. `shouldStop` is polled between batches (Ctrl-C).
    public func run(onEvent: (TrainingEvent) -> Void = { _ in }, shouldStop: () -> Bool = { false }) throws -> TrainingResult {
        // Where the model goes is checked before anything is read, so that a folder, a
        // missing folder or an input named as the output fails now, not after the last epoch.
        let output = try OutputTarget(checking: setup.output.path)
        var inputs = [setup.trainPath] + [setup.devPath, setup.testPath, setup.vectors?.path].compactMap { $0 }
        if case .file(let url) = setup.initialModel { inputs.append(url.path) }
        try output.refuseOverwriting(inputs: inputs)
        // A device or FIFO (`-o /dev/null`) gets the final model only: no checkpoint after
        // each better epoch, and no resume file beside it.
        let keepsCheckpoints = !output.kind.isWrittenInPlace
        if keepsCheckpoints { _ = try OutputTarget(checking: setup.resumeURL.path) }
        // So is every corpus: a missing --test fails before the training file is read.
        for path in [setup.trainPath] + [setup.devPath, setup.testPath].compactMap({ $0 }) {
            try CorpusReader(path: path, options: setup.readOptions).checkAccess()
        }

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
        var vectors: PretrainedVectors?
        if let url = setup.vectors, resumed == nil {
            vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        }
        var config = resumed?.file.configuration.classifierConfig ?? initial?.configuration.classifierConfig ?? ClassifierConfig(
            vocabularySize: vocabulary.count, embeddingDim: embeddingDim, hiddenSize: setup.hiddenSize,
            layers: setup.layers, classCount: labels.count, dropout: setup.dropout, pooling: setup.pooling)
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
        let parameterCount = classifier.parameters.reduce(0) { $0 + $1.value.count }
        log("model: BiLSTM \(config.layers)×\(config.hiddenSize), embedding \(config.embeddingDim), \(config.pooling.rawValue) pooling, \(parameterCount) parameters")

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

        let data = TrainingData(
            train: setup.trainPath, dev: setup.devPath, test: setup.testPath, trainRows: fit.count,
            devRows: dev.count, testRows: test?.count, devCarvedFromTrain: setup.devPath == nil)
        func configuration(storage: TensorStorage, dev: MetricsSummary?, test: MetricsSummary?, epochsRun: Int) -> ModelConfiguration {
            var configuration = ModelConfiguration(
                classifier: config, maxLength: setup.maxLength, tokenizer: setup.tokenizer, storage: storage,
                training: TrainingRecord(
                    seed: setup.training.seed, data: data, options: optionsRecord, epochsRun: epochsRun,
                    bestEpoch: trainer.progress.bestEpoch, history: trainer.progress.history, dev: dev, test: test,
                    vectors: vectorsRecord, initialModel: initialRecord))
            configuration.sourceLabels = sourceLabels.names
            configuration.labelAliases = labelAliases.isEmpty ? nil : labelAliases
            return configuration
        }
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
                    guard keepsCheckpoints else { return }
                    let file = SentimentModelFile(
                        classifier: trainer.classifier,
                        configuration: configuration(storage: self.setup.storage, dev: bestDev, test: nil, epochsRun: trainer.progress.epochsDone),
                        labels: labels, vocabulary: vocabulary)
                    try file.write(to: self.setup.output)
                    bestWritten = true
                },
                onEpochEnd: { trainer in
                    guard keepsCheckpoints else { return }
                    let file = SentimentModelFile(
                        classifier: trainer.classifier,
                        configuration: configuration(storage: .float32, dev: bestDev, test: nil, epochsRun: trainer.progress.epochsDone),
                        labels: labels, vocabulary: vocabulary)
                    try ResumeState.write(file: file, progress: trainer.progress, optimizer: trainer.optimizer,
                                          to: self.setup.resumeURL)
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
            var final = configuration(storage: setup.storage, dev: bestDev, test: summary, epochsRun: trainer.progress.epochsDone)
            final.calibration = calibration
            let file = SentimentModelFile(classifier: classifier, configuration: final, labels: labels, vocabulary: vocabulary)
            try file.write(to: setup.output)
        }
        if outcome != .interrupted {
            try? FileManager.default.removeItem(at: setup.resumeURL)
        }
        return TrainingResult(outcome: outcome, model: setup.output, labels: labels, bestEpoch: trainer.progress.bestEpoch,
                              history: trainer.progress.history, dev: bestDev, test: testMetrics)
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

    /// The data side of the run: reads the corpora (through `data`), maps labels to
    /// classes, carves the dev split if needed, builds the vocabulary from the training
    /// rows (unless given one: resuming, or fine-tuning) and encodes every row.
    /// - Parameter classes: a starting model's classes (fine-tuning); the rows' labels
    ///   must name them, by class name or by the labels the model was trained from.
    public func prepareData(vocabulary resumedVocabulary: Vocabulary? = nil,
                            classes: KeptClasses? = nil) throws -> PreparedTrainingData {
        let tokenizer = Tokenizer(options: setup.tokenizer)
        // Data and labels. The dev split, when carved from the training file, is taken
        // by row index so the data source's rows and token ids line up with it.
        let trainCorpus = try data.corpus(path: setup.trainPath, options: setup.readOptions, role: "train")
        let trainRows = trainCorpus.rows
        guard !trainRows.isEmpty else { throw TrainingError("\(setup.trainPath): no labeled rows") }
        var devCorpus: TrainingCorpus?
        var fitIndices = Array(trainRows.indices), heldIndices: [Int] = []
        if let devPath = setup.devPath {
            devCorpus = try data.corpus(path: devPath, options: setup.readOptions, role: "dev")
            guard !devCorpus!.rows.isEmpty else { throw TrainingError("\(devPath): no labeled rows") }
        } else {
            // The split depends only on the labels and their order: split stand-ins
            // that carry each row's index in `line`.
            let standIns = trainRows.enumerated().map { LabeledText(text: "", label: $1.label, file: "", line: $0) }
            let split = stratifiedSplit(standIns, fraction: setup.devFraction, seed: setup.training.seed)
            fitIndices = split.train.map(\.line)
            heldIndices = split.held.map(\.line)
        }
        let fitRows = fitIndices.map { trainRows[$0] }
        let devRows = devCorpus?.rows ?? heldIndices.map { trainRows[$0] }
        let testCorpus = try setup.testPath.map { try data.corpus(path: $0, options: setup.readOptions, role: "test") }
        let testRows = testCorpus?.rows

        let sourceLabels: LabelSet, labels: [String]
        if let classes {
            labels = classes.labels
            sourceLabels = LabelSet(names: classes.sourceLabels ?? classes.labels)
        } else {
            sourceLabels = LabelSet(inferringFrom: trainRows.map { setup.labelAliases[$0.label] ?? $0.label })
            guard sourceLabels.count >= 2 else {
                throw TrainingError("\(setup.trainPath): only one label ('\(sourceLabels.names.first ?? "")'); a classifier needs at least 2")
            }
            labels = try displayLabels(for: sourceLabels)
        }
        let mapping = LabelMapping(labels: labels, sourceLabels: sourceLabels.names, aliases: classes?.aliases ?? setup.labelAliases)
        let fitLabels = try mapping.classIndices(fitRows)
        let devLabels = try mapping.classIndices(devRows)
        let testLabels = try testRows.map { try mapping.classIndices($0) }
        let labelDescription = classes != nil
            ? "the starting model's: \(labels.joined(separator: ", "))"
            : zip(sourceLabels.names, labels).map { $0 == $1 ? $0 : "\($0) → \($1)" }.joined(separator: ", ")
        log("train: \(setup.trainPath): \(fitRows.count) rows, \(labels.count) classes (\(labelDescription))")
        if let devPath = setup.devPath {
            log("dev: \(devPath): \(devRows.count) rows")
        } else if devRows.isEmpty {
            // Each class keeps at least one row for training, so a tiny file holds none out.
            log("warning: no dev set: \(setup.trainPath) has too few rows per class to hold \(Int(setup.devFraction * 100))% out, "
                + "so the epoch with the lowest training loss is kept; give --dev FILE to choose by dev \(setup.training.metric.rawValue)")
        } else {
            log("dev: \(devRows.count) rows held out of the training file (\(Int(setup.devFraction * 100))%, stratified, seed \(setup.training.seed))")
        }

        // Vocabulary from the training rows only.
        let vocabulary: Vocabulary
        var vocabularyFromCache = false
        if let resumedVocabulary {
            vocabulary = resumedVocabulary
        } else {
            let rowsUsed = setup.devPath == nil ? "split=\(setup.devFraction),seed=\(setup.training.seed)" : "all"
            let built = try data.vocabulary(
                of: trainCorpus,
                settings: "tokenizer=\(setup.tokenizer) min=\(setup.minCount) max=\(setup.maxVocabulary.map(String.init) ?? "none") rows=\(rowsUsed)"
            ) {
                var builder = VocabularyBuilder()
                for row in fitRows {
                    tokenizer.forEachToken(in: row.text) { builder.add(utf8Token: $0) }
                }
                return builder.build(minCount: setup.minCount, maxSize: setup.maxVocabulary)
            }
            vocabulary = built.vocabulary
            vocabularyFromCache = built.isFromCache
        }
        log("vocabulary: \(vocabulary.count) tokens (min count \(setup.minCount)\(setup.maxVocabulary.map { ", at most \($0)" } ?? ""))")

        let encoder = TextEncoder(tokenizer: tokenizer, vocabulary: vocabulary, maxLength: setup.maxLength)
        let encoderSettings = "tokenizer=\(setup.tokenizer) max-length=\(setup.maxLength.map(String.init) ?? "none")"
        let trainIDs = try data.encodings(of: trainCorpus, encoder: encoder, settings: encoderSettings)
        let devIDs = try devCorpus.map { try data.encodings(of: $0, encoder: encoder, settings: encoderSettings) }
        let testIDs = try testCorpus.map { try data.encodings(of: $0, encoder: encoder, settings: encoderSettings) }
        let fit = EncodedExamples(sequences: fitIndices.map { trainIDs.ids[$0] }, labels: fitLabels)
        let dev = EncodedExamples(sequences: devIDs?.ids ?? heldIndices.map { trainIDs.ids[$0] }, labels: devLabels)
        let test = testIDs.map { EncodedExamples(sequences: $0.ids, labels: testLabels!) }
        func reused(_ corpus: TrainingCorpus, vocabulary: Bool, ids: Bool) -> String? {
            let parts = [corpus.isFromCache ? "rows" : nil, vocabulary ? "vocabulary" : nil, ids ? "token ids" : nil]
                .compactMap { $0 }
            return parts.isEmpty ? nil : "\(corpus.path) (\(parts.joined(separator: ", ")))"
        }
        let reusedParts = [
            reused(trainCorpus, vocabulary: vocabularyFromCache, ids: trainIDs.isFromCache),
            devCorpus.flatMap { reused($0, vocabulary: false, ids: devIDs!.isFromCache) },
            testCorpus.flatMap { reused($0, vocabulary: false, ids: testIDs!.isFromCache) },
        ].compactMap { $0 }
        if !reusedParts.isEmpty {
            log("dataset cache: \(reusedParts.joined(separator: "; "))")
        }
        return PreparedTrainingData(labels: labels, sourceLabels: sourceLabels, vocabulary: vocabulary,
                                    fit: fit, dev: dev, test: test)
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

    /// The class names: `--label-names` if given (one per inferred label), else the labels.
    private func displayLabels(for source: LabelSet) throws -> [String] {
        guard let names = setup.labelNames else { return source.names }
        guard names.count == source.count else {
            throw TrainingError("--label-names gives \(names.count) names but \(setup.trainPath) has \(source.count) labels (\(source.names.joined(separator: ", ")))")
        }
        guard Set(names).count == names.count, !names.contains("") else {
            throw TrainingError("--label-names must be distinct and non-empty")
        }
        return names
    }
}

/// A starting model's classes, kept by fine-tuning: names, the labels they were trained
/// from, and their aliases.
public struct KeptClasses: Sendable {
    public var labels: [String]
    public var sourceLabels: [String]?
    public var aliases: [String: String]

    public init(labels: [String], sourceLabels: [String]?, aliases: [String: String] = [:]) {
        self.labels = labels
        self.sourceLabels = sourceLabels
        self.aliases = aliases
    }
}

/// Maps a corpus label to a class index: by class name, else by the label the class was
/// trained from (so a model trained on SST-2's `0`/`1` as `negative`/`positive` evaluates
/// files labeled either way).
public struct LabelMapping: Sendable {
    public let labels: [String]
    public let sourceLabels: [String]?
    /// Other spellings of class names (`"0": "negative"`).
    public let aliases: [String: String]

    public init(labels: [String], sourceLabels: [String]?, aliases: [String: String]? = nil) {
        self.labels = labels
        self.sourceLabels = sourceLabels
        self.aliases = aliases ?? [:]
    }

    /// The mapping a model's file records: its classes, the labels it was trained from,
    /// and its label aliases.
    public init(model configuration: ModelConfiguration, labels: [String]) {
        self.init(labels: labels, sourceLabels: configuration.sourceLabels, aliases: configuration.labelAliases)
    }

    public func classIndex(of label: String) -> Int? {
        labels.firstIndex(of: label) ?? sourceLabels?.firstIndex(of: label)
            ?? aliases[label].flatMap { labels.firstIndex(of: $0) }
    }

    /// Class indices of `rows`; an unknown label is an error naming its file and line.
    public func classIndices(_ rows: [LabeledText]) throws -> [Int] {
        try rows.map { row in
            guard let index = classIndex(of: row.label) else {
                throw TrainingError("\(row.file):\(row.line): label '\(row.label)' is not one of the model's labels (\(labels.joined(separator: ", ")))")
            }
            return index
        }
    }
}


/// Copies pretrained rows into the embedding. Rows without a vector are drawn from a
/// normal distribution with the pretrained vectors' own standard deviation, so known and
/// unknown words start on the same scale; `<pad>` stays zero.
func initializeEmbedding(_ classifier: Classifier, from vectors: PretrainedVectors, seed: UInt64) {
    guard let embedding = classifier.parameter(named: "embedding.weight") else { return }
    let width = vectors.dimension
    var sum = 0.0, sumOfSquares = 0.0, n = 0.0
    for (id, found) in vectors.found.enumerated() where found {
        for d in 0..<width {
            let value = Double(vectors.rows[id * width + d])
            sum += value
            sumOfSquares += value * value
            n += 1
        }
    }
    let deviation = n > 1 ? Float(max(1e-4, (sumOfSquares / n - (sum / n) * (sum / n)).squareRoot())) : 0.1
    var generator = SeededGenerator(seed: seed ^ 0x5EED_0F_7EC7)
    var values = embedding.value
    for id in 0..<vectors.found.count {
        for d in 0..<width {
            if id == Int(Vocabulary.paddingID) {
                values[id * width + d] = 0
            } else if vectors.found[id] {
                values[id * width + d] = vectors.rows[id * width + d]
            } else {
                // Box–Muller.
                let u1 = Float.random(in: Float.ulpOfOne...1, using: &generator)
                let u2 = Float.random(in: 0..<1, using: &generator)
                values[id * width + d] = deviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            }
        }
    }
    embedding.value = values
}

func percent(_ fraction: Double) -> String {
    String(format: "%.1f%%", fraction * 100)
}
