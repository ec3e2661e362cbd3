import ArgumentParser

/// `sentiment bench …`: throughput and latency measurements. Timings belong here,
/// never in unit tests; scripts/bench*.sh put them beside PyTorch in one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure tokenizer and model speed (release builds only give honest figures).",
        subcommands: [TokenizerBenchCommand.self, EngineBenchCommand.self, CacheBenchCommand.self, DatasetBenchCommand.self,
                      GradientsBenchCommand.self]
    )
}
