/// What a user types that ArgumentParser alone would read the wrong way, rewritten
/// before parsing (see `Sentiment.main`): the root takes free TEXT arguments, so a
/// subcommand's name after a root option, the word "help", or a text that starts with
/// `-` would otherwise become texts or flags.
extension Sentiment {
    static var subcommandNames: [String] { configuration.subcommands.compactMap { $0.configuration.commandName } }

    static func isSubcommandName(_ word: String) -> Bool { subcommandNames.contains(word) }

    /// The root's options that take a value (`ClassifyingModelOptions`,
    /// `ClassChoiceOptions`, `CacheOptions`). `ArgumentRewritingTests` holds this list and
    /// the next to what ArgumentParser's help dump says of the commands.
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
        // A group's own subcommand comes first too: `--db X cache stats` as `cache stats --db X`.
        var names = index + 1
        if names < arguments.count, nestedSubcommandNames(of: arguments[index]).contains(arguments[names]) { names += 1 }
        return Array(arguments[index..<names]) + arguments[..<index] + arguments[names...]
    }

    /// The subcommands of the subcommand `name` (`cache`: stats, clear); none for most.
    static func nestedSubcommandNames(of name: String) -> [String] {
        let command = configuration.subcommands.first { $0.configuration.commandName == name }
        return command?.configuration.subcommands.compactMap { $0.configuration.commandName } ?? []
    }

    /// The subcommands that take free TEXT arguments as the root does, with their options
    /// that take a value.
    static let textSubcommandOptionsWithValues: [String: Set<String>] = [
        "explain": ["--model", "--format", "-o", "--output", "--class", "--steps"],
        "tokenize": [],
    ]

    /// `textsAfterOptions` for the root, or for a subcommand of
    /// `textSubcommandOptionsWithValues` (its name first): the same rule for every
    /// command that takes texts.
    static func textsAfterOptionsOfAnyCommand(_ arguments: [String]) -> [String] {
        guard let name = arguments.first, isSubcommandName(name) else { return textsAfterOptions(arguments) }
        guard let optionsWithValues = textSubcommandOptionsWithValues[name] else { return arguments }
        return [name] + textsAfterOptions(Array(arguments.dropFirst()), optionsWithValues: optionsWithValues)
    }

    /// The arguments with the texts moved behind `--` when one of them starts with `-` and
    /// holds a space, such as `"-this was awful"`: ArgumentParser would read it as the
    /// short flags -t -h -i -s and print the help. Texts keep their order. An option
    /// written with its value, `--model="my dir/m.safetensors"`, stays an option.
    static func textsAfterOptions(_ arguments: [String], optionsWithValues: Set<String> = rootOptionsWithValues) -> [String] {
        var options: [String] = [], texts: [String] = [], index = 0, needsSeparator = false
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                texts += arguments[(index + 1)...]
                break
            }
            if isOptionWithItsValue(argument, optionsWithValues) {
                options.append(argument)
            } else if argument.hasPrefix("-"), argument.contains(where: \.isWhitespace) {
                texts.append(argument)
                needsSeparator = true
            } else if optionsWithValues.contains(argument) {
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

    /// Whether `argument` is `--name=value` for one of `optionsWithValues`.
    static func isOptionWithItsValue(_ argument: String, _ optionsWithValues: Set<String>) -> Bool {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return false }
        return optionsWithValues.contains(String(argument[..<equals]))
    }

    /// `sentiment help [SUBCOMMAND…]`, which every help page points to, as the same words
    /// followed by `--help`: without it the root would classify the word "help". A text
    /// that is the word itself goes after `--` (`sentiment -- help`).
    static func helpAsOption(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "help" else { return arguments }
        let words = Array(arguments.dropFirst())
        if let first = words.first, !isSubcommandName(first) {
            throw UsageError(description: "help: no subcommand '\(first)' (subcommands: \(subcommandNames.joined(separator: ", ")))")
        }
        return words + ["--help"]
    }
}
