import ArgumentParser

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'train' is not built yet")
    }
}
