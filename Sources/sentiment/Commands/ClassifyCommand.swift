import ArgumentParser
import Files
import Foundation
import Model
import Pipeline
import Store

/// `sentiment classify PATH…`: files and folders in batch, through the cache.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify text files: each file is one document, or each line one with --lines.",
        discussion: """
            PATH may be a file, a folder (searched recursively for files matching --glob) or - \
            for standard input. Output (stdout or -o): a header, then one row per document \
            with its path (and line number with --lines), label, confidence and one \
            probability per class. Blank documents get a row with empty fields. A summary \
            goes to stderr.
            """
    )

    @OptionGroup var model: ClassifyingModelOptions
    @OptionGroup var classes: ClassChoiceOptions
    @OptionGroup var cache: CacheOptions

    @Flag(help: "Classify each line of each file as its own document.")
    var lines = false

    @Option(help: "Output format.")
    var format: ResultFormat = .tsv

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the results to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Which files to read inside folders (shell pattern on the file name).", valueName: "pattern"))
    var glob = "*.txt"

    // 64 reviews of a few hundred tokens keep the model's activations near 250 MB; 256
    // took 550 MB and was no faster (IMDB, 2 cores).
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Texts per forward pass of the model (more takes more memory).")
    var batchSize = 64

    @Argument(help: ArgumentHelp("Files or folders to classify (- for standard input).", valueName: "path"))
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one file or folder (- for standard input).") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive, not \(batchSize).") }
    }

    func run() throws {
        let files = try InputFiles.expand(paths, glob: glob)
        guard !files.isEmpty else { throw PipelineError.noInputFiles(paths: paths, pattern: glob) }
        // Every path is checked before the work: -o must not be a folder, or one of the
        // files read (the input, the model, the cache).
        let target = try output.map { try OutputTarget(checking: $0) }
        try target?.refuseOverwriting(inputs: files + [model.modelPath, cache.noCache ? nil : cache.resolvedPath].compactMap { $0 })
        // A full disk under the cache: one warning, and the run goes on without it.
        let fallback = CacheFallback()
        let database = try cache.open(fallback: fallback)
        let sentimentModel = try model.classifier(cachedIn: database)
        let classSubset = try classes.subset(of: sentimentModel.labels)
        let runID = try database.flatMap { database in
            try fallback.attempt { try database.beginRun(command: "classify", config: runConfig(model: sentimentModel.fingerprint)) }
        }
        let predictionCache = try database.flatMap { database in
            try fallback.attempt {
                try PredictionCache(database: database, modelFingerprint: sentimentModel.fingerprint,
                                    labels: sentimentModel.labels, runID: runID)
            }
        }

        let pipeline = ClassificationPipeline(
            classifier: sentimentModel, cache: predictionCache, batchSize: batchSize, chunkSize: lines ? 512 : 32)
        pipeline.classes = classSubset
        pipeline.onCacheUnwritable = fallback.warn
        let writer = ClassifyRowWriter(format: format, labels: pipeline.outputLabels, withLineNumbers: lines)
        var summary = ClassifySummary(labels: pipeline.outputLabels)
        // The results replace -o only once all of them are written: a run that fails
        // part way leaves an earlier file as it was.
        let outputFile = try target.map(OutputFile.init)
        let progress = Progress(unit: lines ? "lines" : "files")
        do {
            if let outputFile { redirectStandardOutput(to: outputFile) }
            try StandardOutput.shared.write(writer.header())
            let source = DocumentSource(files: files, lines: lines, chunkSize: pipeline.chunkSize)
            try pipeline.run(chunks: source.nextChunk) { results in
                for result in results {
                    try StandardOutput.shared.write(writer.row(result))
                    summary.count(result.prediction)
                }
                progress.update(done: summary.documents)
            }
            try StandardOutput.shared.flush()
            try outputFile?.commit()
        } catch {
            outputFile?.discard()
            throw error
        }
        progress.finish()
        let counters = predictionCache?.counters ?? (hits: 0, misses: 0)
        if let database, let runID {
            _ = try fallback.attempt { try database.finishRun(runID, cacheHits: counters.hits, cacheMisses: counters.misses) }
        }
        StandardError.writeLine(summary.line(
            files: files.count, unit: lines ? "lines" : "documents", seconds: progress.elapsed,
            cacheHits: predictionCache == nil ? nil : counters.hits))
    }

    private func runConfig(model fingerprint: String) -> String {
        FieldFormatting.object([
            ("model", jsonString(model.modelPath ?? "default")),
            ("fingerprint", jsonString(fingerprint)),
            ("lines", lines ? "true" : "false"),
            ("paths", "[" + paths.map(jsonString).joined(separator: ",") + "]"),
        ])
    }
}
