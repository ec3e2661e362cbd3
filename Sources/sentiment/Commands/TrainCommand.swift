import ArgumentParser
import Corpus
import Files
import Foundation
import Model
import Text

extension Pooling: ExpressibleByArgument {}
extension CellKind: ExpressibleByArgument {}
extension DevMetric: ExpressibleByArgument {}
extension CorpusFormat: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand {
    /// The defaults of every option come from the library's types, which own them;
    /// `--help` shows them from there.
    static let setup = TrainingSetup(trainPath: "", output: URL(fileURLWithPath: "/"))
    static let training = TrainingOptions()

    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a recurrent (LSTM, peephole LSTM, GRU or RNN) sentiment classifier on a labeled corpus.",
        discussion: """
            Reads TSV/CSV (header or label,text by position), JSONL (text/label), fastText \
            (__label__X text) or a folder per label. Trains with Adam, early stopping on the \
            dev metric, and writes the best epoch's model to -o (atomically). Without --dev, \
            10% of the training file (stratified, seeded) is held out as dev set. Texts longer \
            than --max-length tokens keep their first quarter and their last three quarters. \
            Ctrl-C stops after the current batch and keeps the best model so far; \
            --resume continues from MODEL.resume. --init fine-tunes an existing model \
            (`--init default`: the embedded one) on new data: it keeps that model's \
            vocabulary, classes and network shape, so --cell, --directions, --embedding-dim, \
            --hidden, --layers, --dropout, --pool, --vectors, --min-count, --max-vocab and --label-names do not \
            apply; the training labels must be the model's (by name or as it was trained \
            from, such as 0/1), unless --new-classes starts a new output layer for the \
            training data's own labels. Corpora, their vocabulary and token ids \
            are kept in the cache database (--db), so a second run on the same files skips \
            reading and tokenizing; --no-cache turns that off.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Training corpus.", valueName: "file"))
    var train: String

    @Option(name: .long, help: ArgumentHelp("Dev corpus for early stopping (default: 10% of --train).", valueName: "file"))
    var dev: String?

    @Option(name: .long, help: ArgumentHelp("Test corpus, scored once with the best weights.", valueName: "file"))
    var test: String?

    @Option(name: [.customLong("input-format"), .customLong("format")],
            help: ArgumentHelp("Corpus format of --train, --dev and --test.", valueName: "format"))
    var format: CorpusFormat = .auto

    @OptionGroup var columns: CorpusColumnOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the model.", valueName: "model.safetensors"))
    var output: String

    @Option(parsing: .unconditional, help: "Maximum number of epochs.")
    var epochs: Int = TrainCommand.training.epochs

    @Option(parsing: .unconditional, help: "Examples per batch.")
    var batchSize: Int = TrainCommand.training.batchSize

    @Option(parsing: .unconditional, help: "Adam learning rate.")
    var lr: Float = TrainCommand.training.learningRate

    @Option(parsing: .unconditional, help: ArgumentHelp("Embedding width (default: \(TrainingSetup.defaultEmbeddingDim), or the width of --vectors).", valueName: "n"))
    var embeddingDim: Int?

    @Option(help: "Recurrent cell: lstm, peephole (LSTM with peepholes), gru or rnn (simple tanh RNN).")
    var cell: CellKind = TrainCommand.setup.cell

    @Option(parsing: .unconditional, help: "2: bidirectional; 1: forward only.")
    var directions: Int = TrainCommand.setup.directions

    @Option(parsing: .unconditional, help: "Hidden size per direction.")
    var hidden: Int = TrainCommand.setup.hiddenSize

    @Option(parsing: .unconditional, help: "Stacked recurrent layers.")
    var layers: Int = TrainCommand.setup.layers

    @Option(parsing: .unconditional, help: "Dropout between layers and before the output layer.")
    var dropout: Float = TrainCommand.setup.dropout

    @Option(help: "Pooling over time: last (final states), max or mean.")
    var pool: Pooling = TrainCommand.setup.pooling

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Token limit per text, keeping head and tail (0: no limit; default: \(TrainCommand.setup.maxLength ?? 0), "
            + "or with --init or --resume the starting model's).", valueName: "n"))
    var maxLength: Int?

    @Option(parsing: .unconditional, help: "Drop tokens seen fewer times in the training data.")
    var minCount: Int = TrainCommand.setup.minCount

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep at most this many vocabulary entries (default: no limit).", valueName: "n"))
    var maxVocab: Int?

    @Option(help: ArgumentHelp("Pretrained word vectors: GloVe/word2vec text, or word2vec binary (.bin).", valueName: "file"))
    var vectors: String?

    @Flag(help: "Keep the embedding fixed (useful with --vectors).")
    var freezeEmbeddings = false

    @Option(parsing: .unconditional, help: "Epochs without dev improvement before stopping.")
    var patience: Int = TrainCommand.training.patience

    @Option(parsing: .unconditional, help: "Multiply the learning rate by this after an epoch without dev improvement (1: constant).")
    var lrDecay: Float = TrainCommand.training.plateauDecay

    @Option(help: "Dev metric for early stopping.")
    var metric: DevMetric = TrainCommand.training.metric

    @Option(parsing: .unconditional, help: "Clip the global gradient norm (0: off).")
    var clip: Float = TrainCommand.training.clip ?? 0

    @Option(parsing: .unconditional, help: "Decoupled weight decay (AdamW) (0: plain Adam).")
    var weightDecay: Float = TrainCommand.training.weightDecay

    @Flag(help: "Weight the loss by inverse class frequency.")
    var classWeights = false

    @Flag(help: "Step only the embedding rows each batch uses (PyTorch's SparseAdam): faster on large vocabularies; other rows keep their momentum until used.")
    var sparseAdam = false

    @Option(parsing: .unconditional, help: "Random seed: same seed, data and options give the same model.")
    var seed: UInt64 = TrainCommand.training.seed

    @Option(help: ArgumentHelp("Names for the classes in label order, e.g. negative,positive for 0,1.", valueName: "a,b,…"))
    var labelNames: String?

    @Option(help: ArgumentHelp(
        "Labels that name a class another way, e.g. 0=negative,1=positive: such rows count as that class, and eval accepts them.",
        valueName: "label=class,…"))
    var labelAliases: String?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp("The corpus is PTB-tokenized (-lrb- -rrb- …): undo those escapes "
        + "(default: no, or with --init or --resume as the starting model does)."))
    var ptb: Bool?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp("Read an emoji the vocabulary lacks as the words of its Unicode name "
        + "that the vocabulary holds (👍 → thumbs up sign) instead of as <unk> (default: no, or with --init or --resume "
        + "as the starting model does)."))
    var emojiNames: Bool?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp("Read a stretched word the vocabulary lacks (greeeat) as the first "
        + "spelling it holds with each run of three letters cut to two or one (great) instead of as <unk> (default: no, "
        + "or with --init or --resume as the starting model does)."))
    var shortenElongations: Bool?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp("Read an emoticon as its family's plain spelling when the vocabulary "
        + "holds it (:-( =( :(( as :(, :-) :))) as :)) instead of as written (default: no, or with --init or --resume as "
        + "the starting model does)."))
    var emoticonFamilies: Bool?

    enum Storage: String, ExpressibleByArgument, CaseIterable {
        case f32, f16
    }

    @Option(help: "Weight storage: f32, or f16 for a half-size file.")
    var storage: Storage = .f32

    @Flag(help: "Continue the interrupted run recorded in MODEL.resume.")
    var resume = false

    @Option(name: .customLong("init"), help: ArgumentHelp(
        "Fine-tune: start from this model file, or `default` for the embedded model.", valueName: "model"))
    var initialModel: String?

    @Flag(help: "With --init: classes from the training data, a new output layer (keeps the embedding and the recurrent layers).")
    var newClasses = false

    @Flag(help: "Skip fitting the temperature of the probabilities on the dev set after training.")
    var noCalibrate = false

    @Option(help: ArgumentHelp(
        "Also draw the training curves (loss, dev loss, dev metric per epoch; the best epoch marked) to this SVG file, or an HTML page for .html; rewritten after each epoch.",
        valueName: "file.svg"))
    var report: String?

    @OptionGroup var cache: CacheOptions

    func validate() throws {
        try OptionChecks.modelOutput(output)
        // Each message names the value given: negative numbers reach here as values
        // (parsing: .unconditional), not as unknown flags. The bounds and words are
        // OptionChecks', shared with `bench`.
        // URL(fileURLWithPath: "") is the current folder: say what is wrong instead.
        for (name, path) in [("train", train), ("output", output), ("dev", dev), ("test", test), ("vectors", vectors), ("init", initialModel)] {
            if path?.isEmpty == true { throw ValidationError("--\(name) needs a file path, not an empty string") }
        }
        try OptionChecks.positive(epochs, "epochs")
        try OptionChecks.batchSize(batchSize)
        try OptionChecks.network(hidden: hidden, layers: layers, directions: directions, embeddingDim: embeddingDim, dropout: dropout)
        try OptionChecks.minCount(minCount)
        try OptionChecks.positive(patience, "patience")
        if let maxVocab { try OptionChecks.maxVocabulary(maxVocab) }
        if let maxLength { try OptionChecks.maxLength(maxLength) }
        try OptionChecks.number(lr, "lr", "a positive number", { $0 > 0 })
        try OptionChecks.number(clip, "clip", "0 (off) or a positive number", { $0 >= 0 })
        try OptionChecks.number(lrDecay, "lr-decay", "in (0, 1]", { $0 > 0 && $0 <= 1 })
        try OptionChecks.number(weightDecay, "weight-decay", "0 or a positive number", { $0 >= 0 })
        if newClasses && initialModel == nil { throw ValidationError("--new-classes needs --init MODEL") }
    }

    /// With --init the network and its vocabulary are the starting model's, so a shape
    /// option set to anything but its default would be ignored: it is refused instead.
    /// (`--vectors` and `--label-names` are refused where the run starts.)
    private func refuseShapeOptionsWithInit() throws {
        guard initialModel != nil else { return }
        let defaults = Self.setup
        let changed = [
            ("--cell", cell != defaults.cell), ("--directions", directions != defaults.directions),
            ("--embedding-dim", embeddingDim != nil), ("--hidden", hidden != defaults.hiddenSize),
            ("--layers", layers != defaults.layers), ("--dropout", dropout != defaults.dropout),
            ("--pool", pool != defaults.pooling), ("--min-count", minCount != defaults.minCount),
            ("--max-vocab", maxVocab != nil),
        ].filter(\.1).map(\.0)
        guard changed.isEmpty else {
            throw UsageError(description: "\(changed.joined(separator: ", ")) \(changed.count == 1 ? "does" : "do") not apply with "
                + "--init: the network and its vocabulary come from the starting model")
        }
    }

    func run() throws {
        try refuseShapeOptionsWithInit()
        if let dev, let same = FileIdentity(path: dev), same == FileIdentity(path: train) {
            StandardError.writeLine("sentiment: warning: --dev \(dev) is the --train file: its scores measure how well "
                + "the model fits its training rows, not how it does on text it has not seen")
        }
        var setup = TrainingSetup(trainPath: train, output: URL(fileURLWithPath: output))
        setup.devPath = dev
        setup.testPath = test
        setup.readOptions = columns.readOptions(format: format)
        setup.embeddingDim = embeddingDim
        setup.cell = cell
        setup.directions = directions
        setup.hiddenSize = hidden
        setup.layers = layers
        setup.dropout = dropout
        setup.pooling = pool
        if let maxLength { setup.maxLength = maxLength == 0 ? nil : maxLength }
        setup.choseMaxLength = maxLength != nil
        setup.minCount = minCount
        setup.maxVocabulary = maxVocab
        setup.vectors = vectors.map { URL(fileURLWithPath: $0) }
        setup.labelNames = labelNames.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        setup.tokenizer = TokenizerOptions(unescapePTBBrackets: ptb ?? false, emojiNames: emojiNames ?? false,
                                           shortenElongations: shortenElongations ?? false,
                                           emoticonFamilies: emoticonFamilies ?? false)
        setup.choseUnescapePTB = ptb != nil
        setup.choseEmojiNames = emojiNames != nil
        setup.choseShortenElongations = shortenElongations != nil
        setup.choseEmoticonFamilies = emoticonFamilies != nil
        setup.storage = storage == .f16 ? .float16 : .float32
        setup.resume = resume
        setup.newOutputLayer = newClasses
        setup.calibrate = !noCalibrate
        setup.labelAliases = try parseLabelAliases(labelAliases)
        setup.initialModel = initialModel.map { path in
            modelFile(path).map { .file(URL(fileURLWithPath: $0)) } ?? .embeddedDefault
        }
        var options = TrainingOptions()
        options.epochs = epochs
        options.batchSize = batchSize
        options.learningRate = lr
        options.weightDecay = weightDecay
        options.decoupledWeightDecay = true
        options.clip = clip > 0 ? clip : nil
        options.patience = patience
        options.plateauDecay = lrDecay
        options.metric = metric
        options.classWeights = classWeights
        options.sparseEmbeddingUpdates = sparseAdam
        options.freezeEmbeddings = freezeEmbeddings
        options.seed = seed
        setup.training = options

        // Neither the model, its resume file nor the report may replace a cache database
        // (the one the run reads through, or the default one). The report's path is checked
        // with the others, before any data is read.
        setup.databaseFiles = CacheOptions.databaseFiles(besides: cache.databasePath)
        let trainingReport = try report.map { path in
            try TrainingReport(path: path, metric: metric, trainPath: train, modelPath: output, epochs: epochs,
                               inputs: [train, dev, test, vectors, initialModel].compactMap { $0 }, cache: cache)
        }
        let display = TrainingDisplay(epochs: epochs, isTerminal: StandardError.isTerminal)
        InterruptFlag.install()
        defer { InterruptFlag.uninstall() }
        // The dataset cache: a second run on the same files skips parsing and tokenizing.
        let run = TrainingRun(setup: setup, data: try cache.trainingData()) { StandardError.writeLine($0) }
        let result: TrainingResult
        do {
            result = try run.run(onEvent: { display.show($0); trainingReport?.record($0) }, shouldStop: { InterruptFlag.isSet })
        } catch {
            display.finish()  // the error line must not land on the progress bar
            throw error
        }
        display.finish()
        try trainingReport?.finish(result)

        switch result.outcome {
        case .interrupted:
            StandardError.writeLine(result.bestEpoch > 0
                ? "interrupted: \(output) holds the best model so far (epoch \(result.bestEpoch)); continue with --resume"
                : "interrupted before the first epoch ended: nothing written")
        case .earlyStopped:
            StandardError.writeLine("stopped early: no \(result.dev == nil ? "training-loss" : "dev") improvement for \(patience) epochs")
        case .completed:
            break
        }
        // Interrupted: status 130 (128 + SIGINT) for a Ctrl-C, 143 for SIGTERM, as the shell
        // reports them, so that `train … && next-step` does not go on with an unfinished model.
        let status: ExitCode? = result.outcome == .interrupted ? ExitCode(InterruptFlag.exitStatus) : nil
        guard result.bestEpoch > 0 else {
            if let status { throw status }
            return
        }
        var summary = "saved \(output) (epoch \(result.bestEpoch)"
        if let dev = result.dev {
            summary += ", dev accuracy \(percent(dev.accuracy)), macro-F1 \(percent(dev.macroF1))"
        } else {
            summary += ", lowest training loss; no dev set"
        }
        if let test = result.test {
            summary += ", test accuracy \(percent(test.accuracy)), macro-F1 \(percent(test.macroF1))"
        }
        StandardError.writeLine(summary + ")")
        if let status { throw status }
    }
}

/// `0=negative,1=positive` → ["0": "negative", "1": "positive"].
func parseLabelAliases(_ text: String?) throws -> [String: String] {
    guard let text else { return [:] }
    var aliases: [String: String] = [:]
    for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, aliases[parts[0]] == nil else {
            throw UsageError(description: "--label-aliases: expected label=class pairs separated by commas, each label once (got '\(pair)')")
        }
        aliases[parts[0]] = parts[1]
    }
    return aliases
}
