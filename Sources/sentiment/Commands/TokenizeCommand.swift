import ArgumentParser

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'tokenize' is not built yet")
    }
}
