import ArgumentParser
import Foundation
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
    @Option(name: .customLong("batch-size"), help: "Texts per forward pass of the model (more takes more memory).")
    var batchSize = 64

    @Argument(help: ArgumentHelp("Files or folders to classify (- for standard input).", valueName: "path"))
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one file or folder (- for standard input).") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive.") }
    }

    func run() throws {
        let files = try InputFiles.expand(paths, glob: glob)
        guard !files.isEmpty else { throw PipelineError.noInputFiles(paths: paths, pattern: glob) }
        let database = try cache.open()
        let sentimentModel = try model.classifier(cachedIn: database)
        let runID = try database?.beginRun(command: "classify", config: runConfig(model: sentimentModel.fingerprint))
        let predictionCache = try database.map {
            try PredictionCache(database: $0, modelFingerprint: sentimentModel.fingerprint,
                                labels: sentimentModel.labels, runID: runID)
        }
        if let output { try redirectStandardOutput(to: output) }

        let pipeline = ClassificationPipeline(
            classifier: sentimentModel, cache: predictionCache, batchSize: batchSize, chunkSize: lines ? 512 : 32)
        let writer = ClassifyRowWriter(format: format, labels: sentimentModel.labels, withLineNumbers: lines)
        try StandardOutput.shared.write(writer.header())
        var summary = ClassifySummary(labels: sentimentModel.labels)
        let progress = Progress(unit: lines ? "lines" : "files")
        let source = DocumentSource(files: files, lines: lines, chunkSize: pipeline.chunkSize)
        try pipeline.run(chunks: source.nextChunk) { results in
            for result in results {
                try StandardOutput.shared.write(writer.row(result))
                summary.count(result.prediction)
            }
            progress.update(done: summary.documents)
        }
        try StandardOutput.shared.flush()
        progress.finish()
        let counters = predictionCache?.counters ?? (hits: 0, misses: 0)
        if let database, let runID {
            try database.finishRun(runID, cacheHits: counters.hits, cacheMisses: counters.misses)
        }
        StandardError.writeLine(summary.line(
            files: files.count, unit: lines ? "lines" : "documents", seconds: progress.elapsed,
            cacheHits: database == nil ? nil : counters.hits))
    }

    private func runConfig(model fingerprint: String) -> String {
        FieldFormatting.object([
            ("model", FieldFormatting.jsonString(model.modelPath ?? "default")),
            ("fingerprint", FieldFormatting.jsonString(fingerprint)),
            ("lines", lines ? "true" : "false"),
            ("paths", "[" + paths.map(FieldFormatting.jsonString).joined(separator: ",") + "]"),
        ])
    }
}

/// `-o FILE`: standard output now goes to the file, so every write path (including
/// the broken-pipe handling) stays the same.
func redirectStandardOutput(to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
        throw UsageError(description: "\(path): cannot write (\(String(cString: strerror(errno))))")
    }
    dup2(descriptor, STDOUT_FILENO)
    close(descriptor)
}

/// Where a classified document came from.
struct DocumentOrigin {
    var path: String
    /// 1-based, with --lines.
    var line: Int?
}

/// The chunks `classify` feeds the pipeline: whole files, or lines across files.
/// Runs on the pipeline's front thread.
final class DocumentSource: @unchecked Sendable {
    private var files: ArraySlice<String>
    private let lines: Bool
    private let chunkSize: Int
    private var reader: LineReader?

    init(files: [String], lines: Bool, chunkSize: Int) {
        self.files = files[...]
        self.lines = lines
        self.chunkSize = chunkSize
    }

    func nextChunk() throws -> [TextItem<DocumentOrigin>]? {
        var chunk: [TextItem<DocumentOrigin>] = []
        if !lines {
            var bytes = 0
            while chunk.count < chunkSize, bytes < 8 << 20, let path = files.popFirst() {
                let text = try LineReader(path: path).readAll()
                bytes += text.utf8.count
                chunk.append(TextItem(tag: DocumentOrigin(path: path, line: nil), text: text))
            }
            return chunk.isEmpty ? nil : chunk
        }
        while chunk.count < chunkSize {
            if reader == nil {
                guard let path = files.popFirst() else { break }
                reader = try LineReader(path: path)
            }
            guard let reader, let batch = try reader.nextLines(limit: chunkSize - chunk.count) else {
                reader = nil
                continue
            }
            for line in batch {
                chunk.append(TextItem(tag: DocumentOrigin(path: reader.path, line: line.number), text: line.text))
            }
        }
        return chunk.isEmpty ? nil : chunk
    }
}

/// Formats `classify`'s rows. Columns: path, [line,] label, confidence, then one
/// probability per class, named after the class in the header.
struct ClassifyRowWriter {
    let format: ResultFormat
    let labels: [String]
    let withLineNumbers: Bool

    func header() -> String {
        guard format != .jsonl else { return "" }
        let columns = ["path"] + (withLineNumbers ? ["line"] : []) + ["label", "confidence"] + labels
        return FieldFormatting.row(columns, format) + "\n"
    }

    func row(_ result: ClassifiedItem<DocumentOrigin>) -> String {
        let origin = result.tag
        if format == .jsonl {
            var members = [("path", FieldFormatting.jsonString(origin.path))]
            if let line = origin.line { members.append(("line", String(line))) }
            members += FieldFormatting.predictionMembers(result.prediction, labels: labels, threshold: nil)
            return FieldFormatting.object(members) + "\n"
        }
        var fields = [origin.path]
        if let line = origin.line { fields.append(String(line)) }
        if let prediction = result.prediction {
            fields += [prediction.label, FieldFormatting.decimal(prediction.confidence)]
            fields += prediction.probabilities.map(FieldFormatting.decimal)
        } else {
            fields += Array(repeating: "", count: 2 + labels.count)
        }
        return FieldFormatting.row(fields, format) + "\n"
    }
}

/// Counts per label for the summary line on stderr.
struct ClassifySummary {
    let labels: [String]
    var perLabel: [Int]
    var blank = 0
    var documents = 0

    init(labels: [String]) {
        self.labels = labels
        perLabel = Array(repeating: 0, count: labels.count)
    }

    mutating func count(_ prediction: Prediction?) {
        documents += 1
        if let prediction, prediction.labelIndex < perLabel.count {
            perLabel[prediction.labelIndex] += 1
        } else {
            blank += 1
        }
    }

    /// e.g. `classified 3 documents in 2 files (120.5 files/s, 180.7 documents/s): positive 2, negative 1, blank 0; cache hits 0`
    func line(files: Int, unit: String, seconds: TimeInterval, cacheHits: Int?) -> String {
        let seconds = max(seconds, 1e-6)
        let rates = "\(oneDecimal(Double(files) / seconds)) files/s"
            + (unit == "documents" ? "" : ", \(oneDecimal(Double(documents) / seconds)) \(unit)/s")
        let counts = zip(labels, perLabel).map { "\($0) \($1)" } + ["blank \(blank)"]
        let cache = cacheHits.map { "; cache hits \($0)" } ?? ""
        return "classified \(documents) \(unit) in \(files) file\(files == 1 ? "" : "s") "
            + "(\(String(format: "%.2f", seconds)) s, \(rates)): \(counts.joined(separator: ", "))\(cache)"
    }

    private func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
}
