import ArgumentParser

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'vocab' is not built yet")
    }
}
