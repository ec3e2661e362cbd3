import NN
import Text

/// What a model file's `config` metadata holds (JSON): the network's shape, how text is
/// turned into ids, and how the model was trained. Everything needed to rebuild the
/// classifier and to write its model card.
public struct ModelConfiguration: Codable, Equatable, Sendable {
    /// The recurrent cell: `lstm`, `peephole`, `gru` or `rnn` (`CellKind`).
    public var cell: String = "lstm"
    /// D == 2; kept beside `directions` so files stay readable both ways.
    public var bidirectional: Bool = true
    /// D: 1 or 2; nil in files written before forward-only models existed (= 2).
    public var directions: Int?
    public var vocabularySize: Int
    public var embeddingDim: Int
    public var hiddenSize: Int
    public var layers: Int
    public var classCount: Int
    public var dropout: Float
    public var pooling: String
    /// Token limit per text (head+tail truncation), or nil for none.
    public var maxLength: Int?
    public var tokenizer: TokenizerOptions
    /// How the weights are stored in the file.
    public var storage: TensorStorage
    /// How it was trained; nil for a model built another way.
    public var training: TrainingRecord?
    /// The labels as written in the training data, by class, when `--label-names` renamed
    /// them (SST-2's `0`/`1` for `negative`/`positive`): `eval` accepts either spelling.
    public var sourceLabels: [String]?
    /// Other spellings of class names in labeled files (`"0": "negative"`), from
    /// `train --label-aliases`: training and `eval` read them as those classes.
    public var labelAliases: [String: String]?
    /// The temperature fitted on the dev set after training; nil (T = 1) for a model
    /// trained with `--no-calibrate` or before calibration existed.
    public var calibration: CalibrationRecord?

    /// T of the softmax every printed probability comes from.
    public var temperature: Float { calibration?.temperature ?? 1 }

    public init(
        classifier: ClassifierConfig, maxLength: Int?, tokenizer: TokenizerOptions,
        storage: TensorStorage, training: TrainingRecord?
    ) {
        cell = classifier.cell.rawValue
        bidirectional = classifier.directions == 2
        directions = classifier.directions
        vocabularySize = classifier.vocabularySize
        embeddingDim = classifier.embeddingDim
        hiddenSize = classifier.hiddenSize
        layers = classifier.layers
        classCount = classifier.classCount
        dropout = classifier.dropout
        pooling = classifier.pooling.rawValue
        self.maxLength = maxLength
        self.tokenizer = tokenizer
        self.storage = storage
        self.training = training
    }

    /// D, from `directions` or, in older files, `bidirectional`.
    public var directionCount: Int { directions ?? (bidirectional ? 2 : 1) }

    /// The recurrent cell, or nil when `cell` names none.
    public var cellKind: CellKind? { CellKind(rawValue: cell) }

    /// The classifier's configuration, or nil when `pooling` or `cell` names nothing known.
    public var classifierConfig: ClassifierConfig? {
        guard let pooling = Pooling(rawValue: pooling), let cellKind else { return nil }
        return ClassifierConfig(
            vocabularySize: vocabularySize, embeddingDim: embeddingDim, hiddenSize: hiddenSize,
            layers: layers, classCount: classCount, dropout: dropout, pooling: pooling,
            cell: cellKind, directions: directionCount)
    }

    /// PyTorch state-dict names and shapes of this configuration's parameters, in
    /// `state_dict()` order (nn.Embedding, then the recurrent module layer by layer with
    /// `_reverse` after each forward direction, then nn.Linear). The peephole LSTM adds
    /// `weight_ci`, `weight_cf`, `weight_co` after each direction's four tensors.
    /// Requires a known `cell` (checked by the file reader first).
    public var expectedTensorShapes: [(name: String, shape: [Int])] {
        let kind = cellKind ?? .lstm, prefix = kind.stateDictPrefix
        let gates = kind.gatesPerUnit * hiddenSize, width = directionCount * hiddenSize
        var shapes: [(name: String, shape: [Int])] = [("embedding.weight", [vocabularySize, embeddingDim])]
        for layer in 0..<layers {
            let input = layer == 0 ? embeddingDim : width
            for suffix in ["", "_reverse"].prefix(directionCount) {
                let name = { (tensor: String) in "\(prefix)\(tensor)_l\(layer)\(suffix)" }
                shapes.append((name("weight_ih"), [gates, input]))
                shapes.append((name("weight_hh"), [gates, hiddenSize]))
                shapes.append((name("bias_ih"), [gates]))
                shapes.append((name("bias_hh"), [gates]))
                if kind == .peephole {
                    for tensor in ["weight_ci", "weight_cf", "weight_co"] { shapes.append((name(tensor), [hiddenSize])) }
                }
            }
        }
        shapes.append(("fc.weight", [classCount, width]))
        shapes.append(("fc.bias", [classCount]))
        return shapes
    }

    /// Parameters in the network.
    public var parameterCount: Int {
        expectedTensorShapes.reduce(0) { $0 + $1.shape.reduce(1, *) }
    }
}

/// Temperature scaling fitted on the dev set: T and the dev set's calibration with
/// T = 1 (before) and with T (after).
public struct CalibrationRecord: Codable, Equatable, Sendable {
    public var temperature: Float
    public var devRows: Int
    public var devECEBefore: Double
    public var devECEAfter: Double
    public var devNLLBefore: Double
    public var devNLLAfter: Double

    public init(temperature: Float, devRows: Int, devECEBefore: Double, devECEAfter: Double,
                devNLLBefore: Double, devNLLAfter: Double) {
        self.temperature = temperature
        self.devRows = devRows
        self.devECEBefore = devECEBefore
        self.devECEAfter = devECEAfter
        self.devNLLBefore = devNLLBefore
        self.devNLLAfter = devNLLAfter
    }
}

/// How a model was trained: data, options, and the metrics it reached.
public struct TrainingRecord: Codable, Equatable, Sendable {
    public var seed: UInt64
    public var data: TrainingData
    public var options: TrainingOptionsRecord
    /// Epochs actually run (early stopping may end before `options.epochs`).
    public var epochsRun: Int
    /// The epoch whose weights are in the file (1-based).
    public var bestEpoch: Int
    public var history: [EpochRecord]
    /// Dev-set metrics of the saved weights.
    public var dev: MetricsSummary?
    /// Test-set metrics of the saved weights, when a test file was given.
    public var test: MetricsSummary?
    /// Pretrained vectors: file and how much of the vocabulary they covered.
    public var vectors: VectorsRecord?
    /// The model this one was fine-tuned from (`train --init`), if any.
    public var initialModel: InitialModelRecord?

    public init(
        seed: UInt64, data: TrainingData, options: TrainingOptionsRecord, epochsRun: Int, bestEpoch: Int,
        history: [EpochRecord], dev: MetricsSummary?, test: MetricsSummary?, vectors: VectorsRecord?,
        initialModel: InitialModelRecord? = nil
    ) {
        self.seed = seed
        self.data = data
        self.options = options
        self.epochsRun = epochsRun
        self.bestEpoch = bestEpoch
        self.history = history
        self.dev = dev
        self.test = test
        self.vectors = vectors
        self.initialModel = initialModel
    }
}

public struct TrainingData: Codable, Equatable, Sendable {
    public var train: String
    public var dev: String?
    public var test: String?
    public var trainRows: Int
    public var devRows: Int
    public var testRows: Int?
    /// True when the dev set was carved out of the training file.
    public var devCarvedFromTrain: Bool

    public init(train: String, dev: String?, test: String?, trainRows: Int, devRows: Int, testRows: Int?, devCarvedFromTrain: Bool) {
        self.train = train
        self.dev = dev
        self.test = test
        self.trainRows = trainRows
        self.devRows = devRows
        self.testRows = testRows
        self.devCarvedFromTrain = devCarvedFromTrain
    }
}

public struct TrainingOptionsRecord: Codable, Equatable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float
    public var optimizer: String
    public var weightDecay: Float
    public var clip: Float?
    public var patience: Int
    /// Learning-rate factor on a dev plateau (1 = constant); nil in older files.
    public var plateauDecay: Float?
    public var metric: String
    public var classWeights: Bool
    public var minCount: Int
    public var maxVocabulary: Int?
    public var freezeEmbeddings: Bool
}

public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var trainLoss: Float
    public var devAccuracy: Double
    public var devMacroF1: Double
    public var seconds: Double
    public var tokensPerSecond: Double
    /// Fraction of batch slots that were padding.
    public var paddingFraction: Double
    /// Mean cross-entropy of the dev set (nats, without class weights) after the epoch;
    /// nil without a dev set, and in files written before it was recorded.
    public var devLoss: Double? = nil
    /// The training loss through the epoch, a point every few batches; nil in files
    /// written before it was recorded.
    public var trainLossCurve: BatchLossCurve? = nil
}

public struct MetricsSummary: Codable, Equatable, Sendable {
    public var rows: Int
    public var accuracy: Double
    public var macroF1: Double

    public init(rows: Int, accuracy: Double, macroF1: Double) {
        self.rows = rows
        self.accuracy = accuracy
        self.macroF1 = macroF1
    }
}

public struct VectorsRecord: Codable, Equatable, Sendable {
    public var file: String
    public var dimension: Int
    /// Vocabulary entries (beyond `<pad>`/`<unk>`) that had a vector.
    public var found: Int
    public var vocabularySize: Int
    public var frozen: Bool
}

/// Where a fine-tuned model started: the file (or the embedded default) and its digest.
public struct InitialModelRecord: Codable, Equatable, Sendable {
    public var file: String
    /// Hex SHA-256 of the starting file's bytes, as in the prediction cache.
    public var fingerprint: String

    public init(file: String, fingerprint: String) {
        self.file = file
        self.fingerprint = fingerprint
    }
}
