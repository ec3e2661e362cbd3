import ArgumentParser
import Corpus
import Files
import Foundation
import Text
import Vocabulary

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Build vocabularies from labeled corpora.",
        subcommands: [VocabBuildCommand.self]
    )
}

/// `sentiment vocab build FILE… [-o vocab/NAME.tsv] [--min-count N] [--max-vocab N]`
struct VocabBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Count the tokens of labeled corpora and write a vocabulary.",
        discussion: """
            Writes one `token<TAB>count` line per id: line 1 is <pad> (id 0), line 2 <unk> \
            (id 1, counting the pruned tokens), then the kept tokens by count, highest first, \
            ties in byte order. The same corpora always give the same file, byte for byte.
            """
    )

    @Argument(help: "Corpus files or folders to count (`-` reads standard input).")
    var files: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "Where to write the vocabulary, - for standard output (default: standard output).", valueName: "vocab/NAME.tsv"))
    var output: String?

    @Option(name: .customLong("min-count"), parsing: .unconditional, help: ArgumentHelp(
        "Keep only tokens seen at least this many times.", valueName: "n"))
    var minCount: Int = TrainCommand.setup.minCount

    @Option(name: [.customLong("max-vocab"), .customLong("max-size")], parsing: .unconditional, help: ArgumentHelp(
        "At most this many ids, <pad> and <unk> included (default: no limit).", valueName: "n"))
    var maxSize: Int?

    @Option(name: [.customLong("input-format"), .customLong("format")], help: ArgumentHelp(
        "Corpus format of the files.", valueName: "format"))
    var format: CorpusFormat = .auto

    @OptionGroup var columns: CorpusColumnOptions

    @Flag(help: "Unescape PTB brackets (-lrb- → ( …) for pre-tokenized corpora such as SST.")
    var ptb = false

    @Flag(name: .customLong("skip-bad-rows"), help: "Skip malformed rows with a warning instead of stopping.")
    var skipBadRows = false

    /// Bad rows beyond this many are counted but not printed one by one.
    static let warningLimit = 10

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1, not \(minCount)") }
        if let maxSize { try OptionChecks.maxVocabulary(maxSize) }
    }

    func run() throws {
        // The output is checked before the corpora are read: a folder or a corpus given
        // as -o fails at once, not after counting.
        let destination = output == "-" ? nil : output
        _ = try destination.map { try OutputTarget.checked($0, inputs: files, creatingFolders: true) }
        let options = columns.readOptions(format: format, skipBadRows: skipBadRows)
        for file in files { try CorpusReader(path: file, options: options).checkAccess() }
        let tokenizer = Tokenizer(options: TokenizerOptions(unescapePTBBrackets: ptb))
        var builder = VocabularyBuilder()
        var rows = 0, skipped = 0
        for file in files {
            try CorpusReader(path: file, options: options).forEach(onBadRow: { error in
                if skipped < Self.warningLimit { StandardError.writeLine("sentiment: warning: skipped \(error)") }
                skipped += 1
            }) { row in
                builder.add(tokensOf: row.text, using: tokenizer)
                rows += 1
            }
        }
        guard rows > 0 else {
            throw UsageError(description: "\(files.joined(separator: ", ")): no rows to count"
                + (skipped > 0 ? " (all \(skipped) were bad and skipped); nothing written" : "; nothing written"))
        }
        let vocabulary = builder.build(minCount: minCount, maxSize: maxSize)
        if let destination {
            try vocabulary.write(to: URL(fileURLWithPath: destination), creatingFolders: true)
        } else {
            try StandardOutput.shared.write(String(decoding: try vocabulary.fileContents(), as: UTF8.self))
        }
        var summary = "vocab: \(rows) rows from \(files.count) \(files.count == 1 ? "corpus" : "corpora"), "
            + "\(builder.totalTokenCount) tokens, \(builder.distinctTokenCount) distinct → \(vocabulary.count) ids"
        if let destination { summary += " in \(destination)" }
        if skipped > 0 { summary += " (skipped \(skipped) bad \(skipped == 1 ? "row" : "rows"))" }
        StandardError.writeLine(summary)
    }
}


