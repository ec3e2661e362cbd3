import ArgumentParser
import Corpus
import Foundation
import Model
import Pipeline
import Text
import Vocabulary

/// `sentiment bench dataset`: the data side of `train` (read the corpora, carve the dev
/// split, build the vocabulary, encode every row), exactly as `train` runs it
/// (`TrainingRun.prepareData` through `CachedTrainingData`), with each step timed — so
/// the gain of a second `train` on the same file is measured rather than claimed. Run it
/// twice with the same `--db`: the first run fills the cache, the second reads it.
struct DatasetBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Time the data side of 'train' (reading, vocabulary, encoding) through the dataset cache."
    )

    @OptionGroup var cache: CacheOptions

    @Option(help: ArgumentHelp("The training corpus (any format 'train' reads).", valueName: "file"))
    var train: String

    @Option(help: ArgumentHelp("A dev corpus, as in 'train' (default: 10% of --train).", valueName: "file"))
    var dev: String?

    @Option(name: .customLong("max-length"), parsing: .unconditional, help: "Token limit per text, as in 'train' (0: no limit).")
    var maxLength = TrainCommand.setup.maxLength ?? 0

    @Option(parsing: .unconditional, help: "Minimum token count, as in 'train'.")
    var minCount = TrainCommand.setup.minCount

    @Flag(name: [.customLong("ptb"), .customLong("unescape-ptb")], help: "Undo PTB bracket escapes (SST), as 'train --ptb'.")
    var unescapePTB = false

    func validate() throws {
        try OptionChecks.maxLength(maxLength)
        try OptionChecks.minCount(minCount)
    }

    func run() throws {
        var setup = TrainingSetup(trainPath: train, output: URL(fileURLWithPath: "/dev/null"))
        setup.devPath = dev
        setup.maxLength = maxLength == 0 ? nil : maxLength
        setup.minCount = minCount
        setup.tokenizer = TokenizerOptions(unescapePTBBrackets: unescapePTB)
        let timed = TimedTrainingData(try cache.trainingData())
        let start = Date()
        let prepared = try TrainingRun(setup: setup, data: timed).prepareData()
        let total = Date().timeIntervalSince(start)
        let tokens = prepared.fit.tokenCount + prepared.dev.tokenCount
        try StandardOutput.shared.write(timed.lines.joined(separator: "\n") + "\n" + String(
            format: "total       %.3f s: %d + %d rows, %d tokens, %d vocabulary entries\n",
            total, prepared.fit.count, prepared.dev.count, tokens, prepared.vocabulary.count))
    }
}

/// Times each call a training run makes to its data source.
private final class TimedTrainingData: TrainingDataSource {
    let base: TrainingDataSource
    private(set) var lines: [String] = []

    init(_ base: TrainingDataSource) {
        self.base = base
    }

    private func timed<T>(_ step: String, _ body: () throws -> T, fromCache: (T) -> Bool, detail: (T) -> String) rethrows -> T {
        let start = Date()
        let value = try body()
        let seconds = Date().timeIntervalSince(start)
        let label = step.padding(toLength: 11, withPad: " ", startingAt: 0)
        lines.append(label + String(format: " %.3f s  ", seconds) + "\(detail(value)) (\(fromCache(value) ? "cache" : "computed"))")
        return value
    }

    func corpus(path: String, options: CorpusReadOptions, role: String) throws -> TrainingCorpus {
        try timed("rows", { try base.corpus(path: path, options: options, role: role) },
                  fromCache: \.isFromCache, detail: { "\($0.rows.count) rows of \(path)" })
    }

    func vocabulary(of corpus: TrainingCorpus, settings: String, build: () throws -> Vocabulary)
        throws -> (vocabulary: Vocabulary, isFromCache: Bool)
    {
        try timed("vocabulary", { try base.vocabulary(of: corpus, settings: settings, build: build) },
                  fromCache: \.isFromCache, detail: { "\($0.vocabulary.count) tokens" })
    }

    func encodings(of corpus: TrainingCorpus, encoder: TextEncoder, settings: String)
        throws -> (ids: [[Int32]], isFromCache: Bool)
    {
        try timed("token ids", { try base.encodings(of: corpus, encoder: encoder, settings: settings) },
                  fromCache: \.isFromCache, detail: { "\($0.ids.reduce(0) { $0 + $1.count }) ids for \(corpus.path)" })
    }
}
