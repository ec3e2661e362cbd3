import ArgumentParser

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'info' is not built yet")
    }
}
