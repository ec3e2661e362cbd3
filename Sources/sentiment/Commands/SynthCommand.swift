import ArgumentParser

/// `sentiment synth …`: labeled corpora generated from a seed, for tasks whose answer is
/// known by construction (long-range dependencies a model must learn to carry).
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate synthetic labeled corpora (TSV) that train reads like any other.",
        subcommands: [TemporalOrderCommand.self]
    )
}
