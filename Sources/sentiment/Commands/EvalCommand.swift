import ArgumentParser

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'eval' is not built yet")
    }
}
