import ArgumentParser
import Corpus
import Foundation
import Model
import Pipeline
import Text
import Vocabulary

/// `sentiment bench dataset`: the data side of `train` (read the corpus, build the
/// vocabulary, encode every row) with and without the dataset cache, so the gain of a
/// second `train` on the same file is measured rather than claimed.
struct DatasetBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Time reading, vocabulary building and encoding of a corpus, through the dataset cache."
    )

    @OptionGroup var cache: CacheOptions

    @Option(help: ArgumentHelp("The corpus to read (any format 'train' reads).", valueName: "file"))
    var train: String

    @Option(name: .customLong("max-length"), help: "Token limit per text, as in 'train'.")
    var maxLength = 400

    @Flag(name: .customLong("unescape-ptb"), help: "Undo PTB bracket escapes (SST).")
    var unescapePTB = false

    func run() throws {
        let corpusCache = CorpusCache(database: try cache.open())
        let tokenizer = Tokenizer(options: TokenizerOptions(unescapePTBBrackets: unescapePTB))
        var clock = Date()
        func lap() -> String {
            defer { clock = Date() }
            return String(format: "%.3f s", Date().timeIntervalSince(clock))
        }
        let start = Date()
        let corpus = try corpusCache.rows(path: train, options: CorpusReadOptions(), split: "train")
        let readTime = lap()
        let vocabulary = try corpusCache.vocabulary(
            for: corpus, settings: "tokenizer=\(tokenizer.options.unescapePTBBrackets) min=1 max=none"
        ) {
            var builder = VocabularyBuilder()
            for row in corpus.rows { tokenizer.forEachToken(in: row.text) { builder.add(utf8Token: $0) } }
            return builder.build(minCount: 1, maxSize: nil)
        }
        let vocabularyTime = lap()
        let encoder = TextEncoder(tokenizer: tokenizer, vocabulary: vocabulary.value, maxLength: maxLength)
        let fingerprint = encoderFingerprint(
            settings: "tokenizer=\(tokenizer.options.unescapePTBBrackets) max=\(maxLength)", vocabulary: vocabulary.value)
        let encoded = try corpusCache.encodings(for: corpus, fingerprint: fingerprint, encode: encoder.encode)
        let encodeTime = lap()
        func source(_ cached: Bool) -> String { cached ? "cache" : "computed" }
        try StandardOutput.shared.write("""
            rows        \(corpus.rows.count) in \(readTime) (\(source(corpus.isFromCache)))
            vocabulary  \(vocabulary.value.count) tokens in \(vocabularyTime) (\(source(vocabulary.isFromCache)))
            token ids   \(encoded.ids.reduce(0) { $0 + $1.count }) in \(encodeTime) (\(source(encoded.isFromCache)))
            total       \(String(format: "%.3f s", Date().timeIntervalSince(start)))

            """)
    }
}
