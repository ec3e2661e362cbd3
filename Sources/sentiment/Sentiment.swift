import ArgumentParser
import Foundation
import Tensor

/// The `sentiment` command: with plain text arguments it classifies them with the
/// default model; otherwise it dispatches to a subcommand.
@main
struct Sentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Sentiment analysis with recurrent networks (LSTM, peephole LSTM, GRU, simple RNN): classify, train, evaluate, explain.",
        discussion: """
            With TEXT arguments and no subcommand, classifies each text with the default \
            model (or --model FILE) and prints one TSV line per text: label, confidence, text. \
            Like predict, it answers a text seen before from the cache (--db, --no-cache). \
            With TEXT "-", or no TEXT and standard input not a terminal (a pipe or a \
            file), it classifies each input line as predict --echo does, one result line \
            per input line.
            """,
        version: Version.text,
        subcommands: [
            PredictCommand.self,
            ClassifyCommand.self,
            ExplainCommand.self,
            TrainCommand.self,
            EvalCommand.self,
            CalibrateCommand.self,
            AverageCommand.self,
            VocabCommand.self,
            SynthCommand.self,
            ChartCommand.self,
            TokenizeCommand.self,
            InfoCommand.self,
            CacheCommand.self,
            BenchCommand.self,
        ]
    )

    @Argument(help: "Texts to classify with the default model.")
    var texts: [String] = []

    @OptionGroup var model: ClassifyingModelOptions
    @OptionGroup var classes: ClassChoiceOptions
    @OptionGroup var cache: CacheOptions

    mutating func run() throws {
        if texts.isEmpty || texts == ["-"] {
            // No TEXT on a terminal is a user asking what the tool does.
            if texts.isEmpty && isatty(STDIN_FILENO) == 1 { throw CleanExit.helpRequest(self) }
            return try classifyStandardInput(
                command: "sentiment", model: model, classes: classes, cache: cache,
                writer: { PredictLineWriter(format: .tsv, labels: $0, echo: true, threshold: nil) })
        }
        try classifyArguments(texts, model: model, classes: classes, cache: cache)
    }

    /// Runs the command and turns every error into one line on stderr and an exit code:
    /// 0 success, 1 runtime failure, 2 usage or input error.
    static func main() {
        StandardOutput.holdClosedStandardDescriptors()
        // Then OpenBLAS's kernels fitted to this CPU, and its idle workers (which spin on
        // the other core) stopped.
        BLASSetup.prepare()
        StandardOutput.ignoreBrokenPipeSignal()
        do {
            let arguments = try helpAsOption(subcommandFirst(Array(CommandLine.arguments.dropFirst())))
            // ArgumentParser reads the root's TEXT arguments before it looks for a
            // subcommand, so `sentiment classify …` would classify the word "classify":
            // a leading subcommand name goes through the same tree without them.
            let isSubcommand = arguments.first.map(isSubcommandName) ?? false
            let rewritten = textsAfterOptionsOfAnyCommand(arguments)
            var command = try isSubcommand ? SentimentSubcommands.parseAsRoot(rewritten) : parseAsRoot(rewritten)
            try command.run()
            try StandardOutput.shared.flush()
        } catch {
            exit(reporting: error)
        }
    }
}

/// The command tree of `Sentiment` without its root TEXT arguments (see `main`).
struct SentimentSubcommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: Sentiment.configuration.commandName,
        abstract: Sentiment.configuration.abstract,
        subcommands: Sentiment.configuration.subcommands
    )
}
