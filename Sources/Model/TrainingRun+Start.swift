import Foundation
import NN
import Text
import Vocabulary

/// Where a training run starts: afresh, from a starting model (`--init`), or from an
/// interrupted run's resume file; what it keeps of each.
struct StartingPoint {
    /// The interrupted run this one continues (`--resume`), if any.
    var resumed: ResumeState?
    /// The starting model (`--init`), loaded only for a run's first epoch: a resumed run
    /// has its weights, vocabulary and classes in the resume file already.
    var initial: SentimentModel?
    /// E: `--embedding-dim`, else the vectors' width, else the default.
    var embeddingDim: Int
    /// Fine-tuning under a new output layer (`--new-classes`).
    var newClasses: Bool
    /// A fine-tuned model's classes with their source labels and aliases (unless
    /// `--new-classes`).
    var keptClasses: KeptClasses?
    /// The label aliases the model card records.
    var labelAliases: [String: String]
}

extension TrainingRun {
    /// Checks the options that decide where the run starts, reads the resume file or the
    /// starting model, and the vectors file's width (before the corpora are read, so a
    /// wrong path or width fails at once rather than after minutes of tokenizing).
    func startingPoint() throws -> StartingPoint {
        let isFineTuning = setup.initialModel != nil
        if isFineTuning, setup.vectors != nil {
            throw TrainingError("--vectors does not apply with --init: the embedding comes from the starting model")
        }
        let newClasses = isFineTuning && setup.newOutputLayer
        if isFineTuning, setup.labelNames != nil, !newClasses {
            throw TrainingError("--label-names does not apply with --init: the classes are the starting model's")
        }
        let resumed = setup.resume ? try ResumeState.read(from: setup.resumeURL, modelURL: setup.output) : nil
        let initial = resumed == nil ? try setup.initialModel.map(loadInitialModel) : nil
        if let source = resumed?.file.configuration ?? initial?.configuration {
            adoptTextHandling(of: source, fineTuning: initial != nil)
        }

        var embeddingDim = setup.embeddingDim ?? TrainingSetup.defaultEmbeddingDim
        if let url = setup.vectors {
            let width = try PretrainedVectors.dimension(of: url)
            guard width <= ClassifierConfig.maximumWidth else {
                throw TrainingError("\(url.path): vectors have \(width) dimensions; at most \(ClassifierConfig.maximumWidth) are supported")
            }
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

        // Fine-tuning keeps the starting model's classes (unless --new-classes). With the
        // classes come their aliases (the default model reads 0/1 as negative/positive),
        // to which --label-aliases may add.
        var keptClasses: KeptClasses?
        if isFineTuning, !newClasses {
            let start = resumed.map { ($0.file.labels, $0.file.configuration) } ?? initial.map { ($0.labels, $0.configuration) }
            keptClasses = start.map { labels, configuration in
                KeptClasses(labels: labels, sourceLabels: configuration.sourceLabels,
                            aliases: (configuration.labelAliases ?? [:]).merging(setup.labelAliases) { $1 })
            }
        }
        return StartingPoint(resumed: resumed, initial: initial, embeddingDim: embeddingDim, newClasses: newClasses,
                             keptClasses: keptClasses, labelAliases: keptClasses?.aliases ?? setup.labelAliases)
    }

    /// The network a run starts from: a resumed run's shape, a starting model's weights
    /// (all but the output layer with `newClasses`), or a fresh one with pretrained
    /// vectors in its embedding; and what the model card records of where it came from.
    func makeNetwork(vocabulary: Vocabulary, labels: [String], start: StartingPoint)
        throws -> (Classifier, VectorsRecord?, ModelFileRecord?)
    {
        let (resumed, initial, newClasses) = (start.resumed, start.initial, start.newClasses)
        var vectors: PretrainedVectors?
        if let url = setup.vectors, resumed == nil {
            vectors = try PretrainedVectors(contentsOf: url, vocabulary: vocabulary)
        }
        var config = resumed?.file.configuration.network ?? initial?.configuration.network ?? ClassifierConfig(
            vocabularySize: vocabulary.count, embeddingDim: start.embeddingDim, hiddenSize: setup.hiddenSize,
            layers: setup.layers, classCount: labels.count, dropout: setup.dropout, pooling: setup.pooling,
            cell: setup.cell, directions: setup.directions)
        if newClasses { config.classCount = labels.count }
        if let problem = config.trainingMemoryProblem(memory: ProcessInfo.processInfo.physicalMemory) {
            throw TrainingError(problem)
        }
        let classifier = Classifier(config: config, seed: setup.training.seed)
        var vectorsRecord: VectorsRecord? = resumed?.file.configuration.training?.vectors
        var initialRecord: ModelFileRecord? = resumed?.file.configuration.training?.initialModel
        if let initial {
            for parameter in classifier.parameters where !(newClasses && parameter.name.hasPrefix("fc.")) {
                // Same configuration (but perhaps the class count), so the embedding and
                // LSTM parameters exist with the same shapes.
                parameter.value = initial.classifier.parameter(named: parameter.name)!.value
            }
            initialRecord = ModelFileRecord(file: initial.source, fingerprint: initial.fingerprint)
        }
        if let vectors, let url = setup.vectors {
            initializeEmbedding(classifier, from: vectors, seed: setup.training.seed)
            let covered = vectors.foundCount, total = vocabulary.wordCount
            log("vectors: \(url.relativePath): \(covered) of \(total) vocabulary tokens found (\(percent(Double(covered) / Double(max(1, total)))))"
                + (setup.training.freezeEmbeddings ? ", embeddings frozen" : ""))
            vectorsRecord = VectorsRecord(file: url.relativePath, dimension: vectors.dimension, found: covered,
                                          vocabularySize: vocabulary.count, frozen: setup.training.freezeEmbeddings)
        }
        return (classifier, vectorsRecord, initialRecord)
    }

    /// Takes the tokenizer options and token limit that were not chosen from `source`, the
    /// starting model or the resumed run's, so the tokens its embedding learned come out of
    /// the text the same way; says so when fine-tuning.
    private func adoptTextHandling(of source: ModelConfiguration, fineTuning: Bool) {
        var taken: [String] = []
        let options: [(chosen: Bool, option: WritableKeyPath<TokenizerOptions, Bool>, words: (TokenizerOptions) -> String?)] = [
            (setup.choseUnescapePTB, \.unescapePTBBrackets, { $0.unescapePTBInWords }),
            (setup.choseEmojiNames, \.emojiNames, { $0.emojiNamesInWords }),
            (setup.choseShortenElongations, \.shortenElongations, { $0.shortenElongationsInWords }),
            (setup.choseEmoticonFamilies, \.emoticonFamilies, { $0.emoticonFamiliesInWords }),
        ]
        for (chosen, option, words) in options where !chosen {
            setup.tokenizer[keyPath: option] = source.tokenizer[keyPath: option]
            if let words = words(source.tokenizer) { taken.append(words) }
        }
        if !setup.choseMaxLength {
            setup.maxLength = source.maxLength
            taken.append(source.maxLength.map { "max length \($0) tokens" } ?? "no max length")
        }
        if fineTuning, !taken.isEmpty {
            log("init: text read as the starting model reads it: \(taken.joined(separator: ", "))")
        }
    }

    /// The model `--init` names, loaded and checked like any model file.
    func loadInitialModel(_ initial: TrainingSetup.InitialModel) throws -> SentimentModel {
        switch initial {
        case .file(let url): return try SentimentModel.load(contentsOf: url)
        case .embeddedDefault: return try SentimentModel.embeddedDefault()
        }
    }
}
