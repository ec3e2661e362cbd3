import ArgumentParser

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Not built yet."
    )

    func run() throws {
        throw UsageError(description: "'cache' is not built yet")
    }
}
