import NN
import Text

/// What a model file's `config` metadata holds (JSON): the network's shape, how text is
/// turned into ids, and how the model was trained. Everything needed to rebuild the
/// classifier and to write its model card.
///
/// The network is a `ClassifierConfig`, the one type for a classifier's shape; the file
/// writes its fields flat beside the others (`cell`, `directions` and, for older readers,
/// `bidirectional`, then `vocabularySize` … `pooling`), as every version has.
public struct ModelConfiguration: Codable, Equatable, Sendable {
    /// The network's shape.
    public var network: ClassifierConfig
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
    /// The models this one is the weight-by-weight mean of (`sentiment average`); nil for
    /// a model that was trained.
    public var soup: [SoupIngredientRecord]?

    /// T of the softmax every printed probability comes from.
    public var temperature: Float { calibration?.temperature ?? 1 }

    public init(
        classifier: ClassifierConfig, maxLength: Int?, tokenizer: TokenizerOptions,
        storage: TensorStorage, training: TrainingRecord?
    ) {
        network = classifier
        self.maxLength = maxLength
        self.tokenizer = tokenizer
        self.storage = storage
        self.training = training
    }

    private enum CodingKeys: String, CodingKey {
        case cell, bidirectional, directions, vocabularySize, embeddingDim, hiddenSize, layers, classCount, dropout,
             pooling, maxLength, tokenizer, storage, training, sourceLabels, labelAliases, calibration, soup
    }

    /// Reads the flat JSON. A name no cell or pooling has, or `directions` that is not
    /// 1 or 2 or contradicts `bidirectional`, throws `ModelConfigurationError`. Files
    /// written before forward-only models existed have no `directions` (`bidirectional`
    /// decides).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let cellName = try c.decode(String.self, forKey: .cell)
        guard let cell = CellKind(rawValue: cellName) else {
            throw ModelConfigurationError(
                description: "unknown cell '\(cellName)' (known: \(CellKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let bidirectional = try c.decode(Bool.self, forKey: .bidirectional)
        let directions = try c.decodeIfPresent(Int.self, forKey: .directions) ?? (bidirectional ? 2 : 1)
        guard directions == 1 || directions == 2 else {
            throw ModelConfigurationError(description: "directions \(directions) (must be 1 or 2)")
        }
        guard (directions == 2) == bidirectional else {
            throw ModelConfigurationError(description: "directions \(directions) contradicts bidirectional \(bidirectional)")
        }
        let poolingName = try c.decode(String.self, forKey: .pooling)
        guard let pooling = Pooling(rawValue: poolingName) else {
            throw ModelConfigurationError(description: "unknown pooling '\(poolingName)'")
        }
        network = ClassifierConfig(
            vocabularySize: try c.decode(Int.self, forKey: .vocabularySize),
            embeddingDim: try c.decode(Int.self, forKey: .embeddingDim),
            hiddenSize: try c.decode(Int.self, forKey: .hiddenSize),
            layers: try c.decode(Int.self, forKey: .layers),
            classCount: try c.decode(Int.self, forKey: .classCount),
            dropout: try c.decode(Float.self, forKey: .dropout),
            pooling: pooling, cell: cell, directions: directions)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        tokenizer = try c.decode(TokenizerOptions.self, forKey: .tokenizer)
        storage = try c.decode(TensorStorage.self, forKey: .storage)
        training = try c.decodeIfPresent(TrainingRecord.self, forKey: .training)
        sourceLabels = try c.decodeIfPresent([String].self, forKey: .sourceLabels)
        labelAliases = try c.decodeIfPresent([String: String].self, forKey: .labelAliases)
        calibration = try c.decodeIfPresent(CalibrationRecord.self, forKey: .calibration)
        soup = try c.decodeIfPresent([SoupIngredientRecord].self, forKey: .soup)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(network.cell.rawValue, forKey: .cell)
        try c.encode(network.directions == 2, forKey: .bidirectional)
        try c.encode(network.directions, forKey: .directions)
        try c.encode(network.vocabularySize, forKey: .vocabularySize)
        try c.encode(network.embeddingDim, forKey: .embeddingDim)
        try c.encode(network.hiddenSize, forKey: .hiddenSize)
        try c.encode(network.layers, forKey: .layers)
        try c.encode(network.classCount, forKey: .classCount)
        try c.encode(network.dropout, forKey: .dropout)
        try c.encode(network.pooling.rawValue, forKey: .pooling)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encode(tokenizer, forKey: .tokenizer)
        try c.encode(storage, forKey: .storage)
        try c.encodeIfPresent(training, forKey: .training)
        try c.encodeIfPresent(sourceLabels, forKey: .sourceLabels)
        try c.encodeIfPresent(labelAliases, forKey: .labelAliases)
        try c.encodeIfPresent(calibration, forKey: .calibration)
        try c.encodeIfPresent(soup, forKey: .soup)
    }
}

/// A model file's `config` names no known cell or pooling, or contradicts itself.
public struct ModelConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// Temperature scaling fitted on labeled rows: T and those rows' calibration before and
/// after. Training fits it on the dev set (before: T = 1); `sentiment calibrate` refits
/// a trained model on a file (before: the model as it was), optionally with per-class
/// offsets.
public struct CalibrationRecord: Codable, Equatable, Sendable {
    public var temperature: Float
    public var devRows: Int
    public var devECEBefore: Double
    public var devECEAfter: Double
    public var devNLLBefore: Double
    public var devNLLAfter: Double
    /// The file `sentiment calibrate` fitted on, as it was named; nil: training's dev set.
    public var data: String?
    /// The per-class offsets c of softmax(z / T + c) that `fc.bias` holds, in class order
    /// (each class's bias raised by c_k T): this fit's, plus an earlier fit's carried to
    /// this temperature (`Recalibration.offsetsInBias`). nil: none.
    public var offsets: [Float]?

    public init(temperature: Float, devRows: Int, devECEBefore: Double, devECEAfter: Double,
                devNLLBefore: Double, devNLLAfter: Double, data: String? = nil, offsets: [Float]? = nil) {
        self.temperature = temperature
        self.devRows = devRows
        self.devECEBefore = devECEBefore
        self.devECEAfter = devECEAfter
        self.devNLLBefore = devNLLBefore
        self.devNLLAfter = devNLLAfter
        self.data = data
        self.offsets = offsets
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
    public var initialModel: ModelFileRecord?

    public init(
        seed: UInt64, data: TrainingData, options: TrainingOptionsRecord, epochsRun: Int, bestEpoch: Int,
        history: [EpochRecord], dev: MetricsSummary?, test: MetricsSummary?, vectors: VectorsRecord?,
        initialModel: ModelFileRecord? = nil
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

/// A model file as a card names it: the path it was given by (or the embedded default)
/// and its bytes' digest: where `train --init` started, the ingredients of a soup.
public struct ModelFileRecord: Codable, Equatable, Sendable {
    public var file: String
    /// Hex SHA-256 of the file's bytes, as in the prediction cache.
    public var fingerprint: String

    public init(file: String, fingerprint: String) {
        self.file = file
        self.fingerprint = fingerprint
    }
}

/// One ingredient of a soup as its card names it: the file, and how that model was
/// trained (a soup has no training record of its own; nil when the ingredient had none).
public struct SoupIngredientRecord: Codable, Equatable, Sendable {
    public var file: String
    /// Hex digest of the file's bytes, as `ModelFileRecord.fingerprint`.
    public var fingerprint: String
    public var training: TrainingRecord?

    public init(file: String, fingerprint: String, training: TrainingRecord?) {
        self.file = file
        self.fingerprint = fingerprint
        self.training = training
    }
}
