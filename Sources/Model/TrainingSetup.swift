import Corpus
import Foundation
import NN
import Text

/// Everything a training run is told: data, network shape, text handling, optimizer.
/// The defaults are `sentiment train`'s.
public struct TrainingSetup: Sendable {
    public var trainPath: String
    public var devPath: String?
    public var testPath: String?
    public var readOptions = CorpusReadOptions()
    /// Where the best model is written.
    public var output: URL
    /// Files of databases that neither the model nor its resume file may replace, whether
    /// they exist yet or not (the cache the run reads through, and the default one).
    public var databaseFiles: [String] = []
    /// Embedding width; nil means the vectors' width, or `defaultEmbeddingDim`.
    public var embeddingDim: Int?
    public static let defaultEmbeddingDim = ClassifierConfig.defaults.embeddingDim
    // The network's shape, defaults from `ClassifierConfig`'s.
    public var cell = ClassifierConfig.defaults.cell
    /// 2: bidirectional; 1: forward only.
    public var directions = ClassifierConfig.defaults.directions
    public var hiddenSize = ClassifierConfig.defaults.hiddenSize
    public var layers = ClassifierConfig.defaults.layers
    public var dropout = ClassifierConfig.defaults.dropout
    public var pooling = ClassifierConfig.defaults.pooling
    /// Token limit per text (head+tail truncation); nil for none.
    public var maxLength: Int? = 400
    public var minCount = 1
    public var maxVocabulary: Int?
    /// GloVe/word2vec text vectors to initialize the embedding from.
    public var vectors: URL?
    /// Display names for the classes, in class order (`negative,positive` for 0/1).
    public var labelNames: [String]?
    /// Labels that name a class another way (`0` → `negative`): rows so labeled count as
    /// that class, and the model records the aliases for `eval`.
    public var labelAliases: [String: String] = [:]
    public var tokenizer = TokenizerOptions()
    /// Whether each way of reading text was chosen (on the command line: `--ptb`/`--no-ptb`
    /// for `tokenizer.unescapePTBBrackets`, `--emoji-names`/`--no-emoji-names` for
    /// `tokenizer.emojiNames`, `--shorten-elongations`/`--no-shorten-elongations` for
    /// `tokenizer.shortenElongations`, `--emoticon-families`/`--no-emoticon-families` for
    /// `tokenizer.emoticonFamilies`, `--max-length` for `maxLength`). One that was not is taken
    /// from where the run starts: a fine-tuned model reads text as its starting model did
    /// (the default model undoes PTB escapes), and a resumed run as its first part did.
    public var choseUnescapePTB = true
    public var choseEmojiNames = true
    public var choseShortenElongations = true
    public var choseEmoticonFamilies = true
    public var choseMaxLength = true
    public var storage: TensorStorage = .float32
    /// Share of the training file held out as dev set when no dev file is given.
    public var devFraction = 0.1
    public var training = TrainingOptions()
    /// Continue the run recorded in `output`'s resume file.
    public var resume = false
    /// Fine-tuning: start from this model's weights, and keep its vocabulary, labels and
    /// network shape (the shape options and `vectors` do not apply).
    public var initialModel: InitialModel?
    /// With `initialModel`: take the classes from the training data (and `labelNames`)
    /// and start the output layer afresh, keeping the embedding and the recurrent encoder (transfer
    /// to a new label set, such as a 2-class model's encoder to 5 classes).
    public var newOutputLayer = false
    /// Fit a temperature on the dev set after the best epoch is chosen (`--no-calibrate`
    /// turns it off); every probability the model prints is then softmax(z / T).
    public var calibrate = true

    public enum InitialModel: Sendable, Equatable {
        case file(URL)
        /// The default model linked into the binary.
        case embeddedDefault
    }

    public init(trainPath: String, output: URL) {
        self.trainPath = trainPath
        self.output = output
    }

    /// The resume file kept beside the model while a run is unfinished.
    public var resumeURL: URL {
        output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".resume")
    }
}
