import ArgumentParser

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'classify' is not built yet")
    }
}
