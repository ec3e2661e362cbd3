import Foundation
import NN

/// Which dev metric early stopping follows.
public enum DevMetric: String, CaseIterable, Codable, Sendable {
    case macroF1 = "macro-f1"
    case accuracy
}

/// How to train: optimizer, batching, stopping. The defaults are the ones `sentiment
/// train` uses.
public struct TrainingOptions: Equatable, Sendable {
    public var epochs = 10
    public var batchSize = 32
    public var learningRate: Float = 0.002
    /// L2 penalty; decoupled (AdamW) when `decoupledWeightDecay`.
    public var weightDecay: Float = 0
    public var decoupledWeightDecay = true
    /// Global gradient-norm limit, or nil for none.
    public var clip: Float? = 5
    /// Epochs without dev improvement before stopping.
    public var patience = 3
    /// Multiply the learning rate by this after an epoch without dev improvement
    /// (reduce on plateau); 1 keeps it constant.
    public var plateauDecay: Float = 1
    public var metric: DevMetric = .macroF1
    /// Weight the loss by inverse class frequency ("balanced").
    public var classWeights = false
    /// Step only the embedding rows each batch touched (`torch.optim.SparseAdam`'s rule,
    /// see `Adam.sparseTables`): faster on a large vocabulary, and not dense Adam.
    public var sparseEmbeddingUpdates = false
    /// Keep the embedding table as initialized (e.g. from pretrained vectors).
    public var freezeEmbeddings = false
    public var seed: UInt64 = 42
    /// Batches per length-sorting pool (1 = plain shuffle).
    public var poolBatches = 50

    public init() {}

    /// The optimizer's name as a model's training record keeps it: "adam" or "adamw",
    /// "sparse-" before either with `sparseEmbeddingUpdates`.
    public var optimizerName: String {
        (sparseEmbeddingUpdates ? Self.sparsePrefix : "") + (weightDecay > 0 && decoupledWeightDecay ? "adamw" : "adam")
    }

    /// Whether a recorded `optimizerName` stepped the embedding sparsely.
    public static func sparseEmbeddingUpdates(optimizerName: String) -> Bool {
        optimizerName.hasPrefix(sparsePrefix)
    }

    private static let sparsePrefix = "sparse-"
}

/// Encoded examples: token ids (each non-empty) and class indices.
public struct EncodedExamples: Sendable {
    public var sequences: [[Int32]]
    public var labels: [Int]

    public init(sequences: [[Int32]], labels: [Int]) {
        precondition(sequences.count == labels.count)
        self.sequences = sequences
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var tokenCount: Int { sequences.reduce(0) { $0 + $1.count } }
}

/// What the trainer reports while it runs.
public enum TrainingEvent {
    /// Once the data is ready, before the first batch. `devRows` is 0 when the training
    /// file was too small to hold a dev set out: epochs are then compared by training loss.
    /// `earlier` and `bestEpoch` are a resumed run's epochs so far (empty and 0 for a new run).
    case started(trainRows: Int, devRows: Int, earlier: [EpochRecord], bestEpoch: Int)
    /// After each batch: running mean loss of the epoch so far.
    case batch(epoch: Int, batch: Int, batches: Int, meanLoss: Float, tokensPerSecond: Double, elapsed: Double)
    /// After each epoch's dev evaluation.
    case epoch(EpochRecord, improved: Bool)
}

/// How a training run ended.
public enum TrainingOutcome: Equatable, Sendable {
    case completed
    case earlyStopped
    case interrupted
}

/// Where a run stands between epochs: enough to continue it with `--resume`.
public struct TrainingProgress: Codable, Equatable, Sendable {
    /// Epochs finished (the next epoch is `epochsDone + 1`).
    public var epochsDone: Int
    public var bestEpoch: Int
    public var bestScore: Double
    public var epochsWithoutImprovement: Int
    public var history: [EpochRecord]
    /// The learning rate for the next epoch, once reduced on a plateau.
    public var learningRate: Float?

    public init() {
        epochsDone = 0
        bestEpoch = 0
        bestScore = -1
        epochsWithoutImprovement = 0
        history = []
    }
}

/// The training loop: length-bucketed batches, Adam/AdamW, clipping, per-epoch dev
/// evaluation and early stopping with the best weights kept.
///
/// Reproducible: epoch `e` draws its shuffles and dropout masks from a generator seeded
/// by `(seed, e)`, so a run resumed after epoch `e` continues exactly as it would have.
public final class Trainer {
    public let classifier: Classifier
    public let options: TrainingOptions
    public let train: EncodedExamples
    public let dev: EncodedExamples
    public private(set) var progress: TrainingProgress
    /// Per-class loss weights when `options.classWeights`.
    public let classWeights: [Float]?
    /// The optimizer (its moments live as long as the trainer).
    public let optimizer: Adam
    private let trainable: [Parameter]
    private var bestWeights: [[Float]]
    /// The dev logits (no temperature) of the best epoch's weights, from the pass that
    /// scored that epoch, so that calibration fits on them without a second pass; nil
    /// without a dev set, and after resuming until an epoch improves.
    public private(set) var bestDevLogits: [[Float]]?

    public init(classifier: Classifier, options: TrainingOptions, train: EncodedExamples, dev: EncodedExamples,
                progress: TrainingProgress = TrainingProgress()) {
        precondition(!train.sequences.isEmpty, "training needs examples")
        self.classifier = classifier
        self.options = options
        self.train = train
        self.dev = dev
        self.progress = progress
        let classCount = classifier.config.classCount
        classWeights = options.classWeights ? balancedClassWeights(train.labels, classCount: classCount) : nil
        trainable = classifier.parameters.filter { !(options.freezeEmbeddings && $0.name == "embedding.weight") }
        optimizer = Adam(parameters: trainable, learningRate: options.learningRate,
                         weightDecay: options.weightDecay, decoupledWeightDecay: options.decoupledWeightDecay,
                         sparseTables: options.sparseEmbeddingUpdates)
        bestWeights = classifier.parameters.map(\.value)
        if let learningRate = progress.learningRate { optimizer.learningRate = learningRate }
    }

    /// Dev metrics of the classifier's current weights (over the classes `examples` hold,
    /// as `ClassificationMetrics.overClassesPresent` says).
    public func evaluate(_ examples: EncodedExamples, labels: [String]) -> ClassificationMetrics {
        evaluateWithLoss(examples, labels: labels).metrics
    }

    /// Dev metrics and mean cross-entropy (nats; no class weights) of the classifier's
    /// current weights, from one pass over `examples`. Both are over the classes the
    /// examples hold, as `eval` scores them: a binary dev set's loss is the NLL of the
    /// probabilities renormalized over its two classes.
    public func evaluateWithLoss(_ examples: EncodedExamples, labels: [String]) -> (metrics: ClassificationMetrics, loss: Double) {
        let scores = score(examples, labels: labels)
        return (scores.metrics, scores.loss)
    }

    /// `evaluateWithLoss`'s two figures, and the logits (no temperature) the
    /// probabilities were computed from, as the classifier computes them.
    private func score(_ examples: EncodedExamples, labels: [String])
        -> (metrics: ClassificationMetrics, loss: Double, logits: [[Float]])
    {
        let logits = logitsOfEncoded(examples.sequences, with: classifier)
        let scored = ClassificationMetrics.restrictedToClassesPresent(
            labels: labels, truth: examples.labels,
            probabilities: Calibration.probabilities(logits: logits, temperature: classifier.temperature))
        let metrics = ClassificationMetrics(labels: scored.labels, truth: scored.truth, predicted: argmaxRows(scored.probabilities))
        return (metrics, CalibrationMetrics(probabilities: scored.probabilities, truth: scored.truth).negativeLogLikelihood,
                logits)
    }

    /// Trains until `options.epochs`, early stopping, or `shouldStop()` (checked between
    /// batches). Throws `TrainingDivergedError` as soon as the loss, the gradient norm or,
    /// at an epoch's end, a weight is not finite, before that epoch is scored. `onImproved` runs when an epoch beats the best dev score (write the
    /// checkpoint there); `onEpochEnd` after every finished epoch (write resume state).
    /// On return the classifier holds the best epoch's weights.
    public func run(
        labels: [String],
        onEvent: (TrainingEvent) -> Void = { _ in },
        shouldStop: () -> Bool = { false },
        onImproved: (Trainer) throws -> Void = { _ in },
        onEpochEnd: (Trainer) throws -> Void = { _ in }
    ) throws -> TrainingOutcome {
        var outcome = TrainingOutcome.completed
        let lengths = train.sequences.map(\.count)
        epochs: while progress.epochsDone < options.epochs {
            let epoch = progress.epochsDone + 1
            var generator = SeededGenerator(seed: options.seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
            let buckets = LengthBuckets(lengths: lengths, batchSize: options.batchSize,
                                        poolBatches: options.poolBatches, generator: &generator)
            let started = Date()
            var lossSum: Double = 0
            var tokens = 0
            var lossCurve = BatchLossCurve(batches: buckets.batches.count)
            for (index, members) in buckets.batches.enumerated() {
                if shouldStop() {
                    outcome = .interrupted
                    break epochs
                }
                let batch = PaddedBatch(sequences: members.map { train.sequences[$0] })
                classifier.zeroGradients()
                let loss = classifier.trainStep(batch, labels: members.map { train.labels[$0] },
                                                classWeights: classWeights, generator: &generator)
                // A non-finite loss poisons every weight at the next step: stop before it.
                guard loss.isFinite else { throw diverged(epoch, batch: index + 1, "the loss is \(nonFinite(loss))") }
                if let clip = options.clip {
                    let norm = clipGradientNorm(trainable, maxNorm: clip)
                    guard norm.isFinite else { throw diverged(epoch, batch: index + 1, "the gradient norm is \(nonFinite(norm))") }
                }
                optimizer.step()
                lossSum += Double(loss)
                lossCurve.record(loss)
                tokens += batch.lengths.reduce(0, +)
                let elapsed = Date().timeIntervalSince(started)
                onEvent(.batch(epoch: epoch, batch: index + 1, batches: buckets.batches.count,
                               meanLoss: Float(lossSum / Double(index + 1)),
                               tokensPerSecond: elapsed > 0 ? Double(tokens) / elapsed : 0, elapsed: elapsed))
            }
            let seconds = Date().timeIntervalSince(started)
            // The last step may have overflowed a weight with a finite loss: such an epoch
            // is never scored, marked best or saved.
            if let name = classifier.parameters.first(where: { !$0.value.allSatisfy(\.isFinite) })?.name {
                throw diverged(epoch, batch: nil, "\(name) holds values that are not finite")
            }
            let trainLoss = Float(lossSum / Double(max(1, buckets.batches.count)))
            // Without a dev set the lowest training loss is the best epoch (the dev fields
            // of its record stay 0; `TrainingData.devRows` says there were none).
            let devScores = dev.count > 0 ? score(dev, labels: labels) : nil
            let metrics = devScores?.metrics
            let score = metrics.map { options.metric == .macroF1 ? $0.macroF1 : $0.accuracy } ?? -Double(trainLoss)
            let record = EpochRecord(
                epoch: epoch, trainLoss: trainLoss,
                devAccuracy: metrics?.accuracy ?? 0, devMacroF1: metrics?.macroF1 ?? 0, seconds: seconds,
                tokensPerSecond: seconds > 0 ? Double(tokens) / seconds : 0,
                paddingFraction: buckets.paddingFraction, devLoss: devScores?.loss, trainLossCurve: lossCurve)
            progress.history.append(record)
            progress.epochsDone = epoch
            // The first epoch is the best so far whatever its score (a training-loss score
            // is below the initial -1 when the loss is above 1).
            let improved = progress.bestEpoch == 0 || score > progress.bestScore
            if improved {
                progress.bestScore = score
                progress.bestEpoch = epoch
                progress.epochsWithoutImprovement = 0
                bestWeights = classifier.parameters.map(\.value)
                bestDevLogits = devScores?.logits
            } else {
                progress.epochsWithoutImprovement += 1
                if options.plateauDecay != 1 {
                    optimizer.learningRate *= options.plateauDecay
                    progress.learningRate = optimizer.learningRate
                }
            }
            onEvent(.epoch(record, improved: improved))
            if improved { try onImproved(self) }
            try onEpochEnd(self)
            // Patience running out on the last epoch is not an early stop: every epoch ran.
            if progress.epochsWithoutImprovement >= options.patience, epoch < options.epochs {
                outcome = .earlyStopped
                break
            }
        }
        restoreBestWeights()
        return outcome
    }

    /// "nan" whatever its sign bit ("-nan" reads as a different thing), "inf", "-inf".
    private func nonFinite(_ value: Float) -> String { value.isNaN ? "nan" : "\(value)" }

    private func diverged(_ epoch: Int, batch: Int?, _ finding: String) -> TrainingDivergedError {
        TrainingDivergedError(epoch: epoch, batch: batch, finding: finding, learningRate: optimizer.learningRate)
    }

    /// Puts the best epoch's weights back into the classifier.
    public func restoreBestWeights() {
        guard progress.bestEpoch > 0 else { return }
        for (parameter, value) in zip(classifier.parameters, bestWeights) { parameter.value = value }
    }

    /// Adopts `weights` (by parameter order) as the best seen so far, e.g. when resuming.
    public func setBestWeights(_ weights: [[Float]]) {
        bestWeights = weights
        bestDevLogits = nil
    }
}

/// "Balanced" class weights, N / (K · n_k), as scikit-learn computes them; a class with
/// no examples gets weight 0.
public func balancedClassWeights(_ labels: [Int], classCount: Int) -> [Float] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts.map { $0 == 0 ? 0 : Float(labels.count) / Float(classCount * $0) }
}
