import ArgumentParser

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'predict' is not built yet")
    }
}
