import Files
import Foundation
import Model
import Pipeline

/// `-o FILE`: standard output now goes to the output (a temporary file beside it until
/// `commit`, or a device or FIFO itself), so every write path (including the broken-pipe
/// handling) stays the same, and write errors name the file.
func redirectStandardOutput(to file: OutputFile) {
    dup2(file.descriptor, STDOUT_FILENO)
    StandardOutput.shared.destination = file.target.path
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
            var members = [("path", jsonString(origin.path))]
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

    /// e.g. `classified 3 documents in 2 files (0.02 s, 120.5 files/s): positive 2, negative 1, blank 0; cache hits 0`,
    /// or with lines or rows, `classified 20000 lines in 1 file (0.61 s, 32786.9 lines/s): …`
    /// (files per second says nothing when each file holds many documents).
    func line(files: Int, unit: DocumentSource.Unit, seconds: TimeInterval, cacheHits: Int?) -> String {
        let seconds = max(seconds, 1e-6)
        let rates = unit == .files
            ? "\(oneDecimal(Double(files) / seconds)) files/s"
            : "\(oneDecimal(Double(documents) / seconds)) \(unit.progressName)/s"
        let counts = zip(labels, perLabel).map { "\($0) \($1)" } + ["blank \(blank)"]
        let cache = cacheHits.map { "; cache hits \($0)" } ?? ""
        return "classified \(unit.counted(documents)) in \(files) file\(files == 1 ? "" : "s") "
            + "(\(String(format: "%.2f", seconds)) s, \(rates)): \(counts.joined(separator: ", "))\(cache)"
    }

    private func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
}
