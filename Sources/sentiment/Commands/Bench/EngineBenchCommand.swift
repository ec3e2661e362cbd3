import ArgumentParser

struct EngineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'bench engine' is not built yet")
    }
}
