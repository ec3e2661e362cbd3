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
            Like predict, it answers a text seen before from the cache (--db, --no-cache).
            """,
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
        guard !texts.isEmpty else {
            throw CleanExit.helpRequest(self)
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
            var command = try isSubcommand ? SentimentSubcommands.parseAsRoot(arguments) : parseAsRoot(textsAfterOptions(arguments))
            try command.run()
            try StandardOutput.shared.flush()
        } catch {
            exit(reporting: error)
        }
    }
}

extension Sentiment {
    static func isSubcommandName(_ word: String) -> Bool {
        configuration.subcommands.contains { $0.configuration.commandName == word }
    }

    /// The root's options that take a value (`ClassifyingModelOptions`,
    /// `ClassChoiceOptions`, `CacheOptions`).
    static let rootOptionsWithValues: Set = ["--model", "--classes", "--db"]

    /// `sentiment --no-cache predict` as `sentiment predict --no-cache`: options written
    /// before a subcommand's name go after it (the subcommands that can use them take
    /// them), where the name would otherwise become a text to classify.
    static func subcommandFirst(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            index += rootOptionsWithValues.contains(arguments[index]) ? 2 : 1
        }
        guard index > 0, index < arguments.count, isSubcommandName(arguments[index]) else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }

    /// The root's arguments with its texts moved behind `--` when one of them starts with
    /// `-` and holds a space, such as `"-this was awful"`: ArgumentParser would read it as
    /// the short flags -t -h -i -s and print the help. Texts keep their order. (No option
    /// holds a space, so the rule cannot take one for a text.)
    static func textsAfterOptions(_ arguments: [String]) -> [String] {
        var options: [String] = [], texts: [String] = [], index = 0, needsSeparator = false
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                texts += arguments[(index + 1)...]
                break
            }
            if argument.hasPrefix("-"), argument.contains(where: \.isWhitespace) {
                texts.append(argument)
                needsSeparator = true
            } else if rootOptionsWithValues.contains(argument) {
                options += arguments[index..<min(index + 2, arguments.count)]
                index += 1
            } else if argument.hasPrefix("-"), argument != "-" {
                options.append(argument)
            } else {
                texts.append(argument)
            }
            index += 1
        }
        return needsSeparator ? options + ["--"] + texts : arguments
    }

    /// `sentiment help [SUBCOMMAND…]`, which every help page points to, as the same words
    /// followed by `--help`: without it the root would classify the word "help". A text
    /// that is the word itself goes after `--` (`sentiment -- help`).
    static func helpAsOption(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "help" else { return arguments }
        let words = Array(arguments.dropFirst())
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        if let first = words.first, !names.contains(first) {
            throw UsageError(description: "help: no subcommand '\(first)' (subcommands: \(names.joined(separator: ", ")))")
        }
        return words + ["--help"]
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
