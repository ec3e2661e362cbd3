import ArgumentParser
import Foundation
import Store

/// `sentiment bench cache`: write throughput of the prediction cache — synthetic rows
/// written in transactions of `--batch`, as `classify` writes them. Also what the
/// crash and concurrency tests run and kill.
struct CacheBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Measure prediction-cache writes (synthetic rows, one transaction per batch)."
    )

    @Option(name: .customLong("db"), help: ArgumentHelp("The database to write to.", valueName: "path"))
    var databasePath: String

    @Option(parsing: .unconditional, help: "Rows to write.")
    var rows = 100_000

    @Option(parsing: .unconditional, help: "Rows per transaction.")
    var batch = 500

    @Option(help: "Distinguishes the texts of concurrent writers.")
    var writer = "w"

    func validate() throws {
        // A batch of 0 wrote nothing, forever; a negative one crashed.
        try OptionChecks.positive(rows, "rows")
        try OptionChecks.positive(batch, "batch")
    }

    func run() throws {
        let database = try CacheDatabase(path: databasePath)
        let cache = try PredictionCache(database: database, modelFingerprint: "bench", labels: ["negative", "positive"])
        let start = Date()
        var written = 0
        while written < rows {
            let count = min(batch, rows - written)
            let entries = (written..<written + count).map { i in
                let p = Float(i % 1000) / 1000
                return (key: TextKey(text: "\(writer) \(i)"), prediction: CachedPrediction(label: p < 0.5 ? "negative" : "positive", probabilities: [1 - p, p]))
            }
            try cache.store(entries)
            written += count
            StandardError.writeLine("committed \(written)")
        }
        let seconds = Date().timeIntervalSince(start)
        try StandardOutput.shared.write("\(written) rows in \(String(format: "%.3f", seconds)) s (\(Int(Double(written) / seconds)) rows/s)\n")
    }
}
