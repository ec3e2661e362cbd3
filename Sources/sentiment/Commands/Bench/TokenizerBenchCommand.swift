import ArgumentParser

struct TokenizerBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenizer",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'bench tokenizer' is not built yet")
    }
}
