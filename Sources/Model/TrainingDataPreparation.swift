import Corpus
import Foundation
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

extension TrainingRun {
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
        var trainCorpus = try data.corpus(path: setup.trainPath, options: setup.readOptions, role: "train")
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
            log("dev: \(devRows.count) rows held out of the training file (\(Int(setup.devFraction * 100))% of each class, "
                + "at least one, stratified, seed \(setup.training.seed))")
        }
        if let present = ClassificationMetrics.classesPresent(in: devLabels, of: labels.count) {
            log("dev: scored over \(present.count) of the model's \(labels.count) classes (\(present.map { labels[$0] }.joined(separator: ", ")), "
                + "the dev set's), as eval does")
        }

        // Vocabulary from the training rows only. Counting tokenizes every row of the
        // training file once (the dev rows held out of it too, uncounted), and encoding
        // below reads those tokens.
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
                var counted = [Bool](repeating: false, count: trainRows.count)
                for index in fitIndices { counted[index] = true }
                let tokenized = TokenizedCorpus(trainRows.map(\.text), tokenizer: tokenizer) { counted[$0] }
                trainCorpus.tokenized = tokenized
                return tokenized.vocabularyCounts().build(minCount: setup.minCount, maxSize: setup.maxVocabulary)
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
