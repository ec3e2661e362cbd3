import ArgumentParser
import Foundation

/// The `sentiment` command: with plain text arguments it classifies them with the
/// default model; otherwise it dispatches to a subcommand.
@main
struct Sentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Sentiment analysis with a bidirectional LSTM: classify, train, evaluate.",
        discussion: """
            With TEXT arguments and no subcommand, classifies each text with the default \
            model and prints one TSV line per text: label, confidence, text.
            """,
        subcommands: [
            PredictCommand.self,
            ClassifyCommand.self,
            TrainCommand.self,
            EvalCommand.self,
            VocabCommand.self,
            TokenizeCommand.self,
            InfoCommand.self,
            CacheCommand.self,
            BenchCommand.self,
            ClassifyTextsCommand.self,
        ],
        // A positional argument on the root would swallow subcommand names
        // (`sentiment tokenize x` classified "tokenize"): plain texts go to a hidden
        // default subcommand instead.
        defaultSubcommand: ClassifyTextsCommand.self
    )

    /// Runs the command and turns every error into one line on stderr and an exit code:
    /// 0 success, 1 runtime failure, 2 usage or input error (DESIGN.md).
    static func main() {
        StandardOutput.ignoreBrokenPipeSignal()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            try StandardOutput.shared.flush()
        } catch {
            exit(reporting: error)
        }
    }
}

/// `sentiment TEXT…` without a subcommand name.
struct ClassifyTextsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify-texts",
        abstract: "Classify the given texts with the default model.",
        shouldDisplay: false
    )

    @Argument(help: "Texts to classify with the default model.")
    var texts: [String] = []

    func run() throws {
        guard !texts.isEmpty else {
            throw CleanExit.helpRequest(Sentiment.self)
        }
        try classifyArguments(texts)
    }
}
