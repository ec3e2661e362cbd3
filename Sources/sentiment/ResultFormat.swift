import ArgumentParser
import Model
import Pipeline

/// The output formats of `classify` and `predict`. Probabilities and confidences are
/// printed with 4 decimals; a blank input gets empty fields (TSV, CSV) or nulls (JSONL)
/// so output lines stay aligned with input lines.
enum ResultFormat: String, CaseIterable, ExpressibleByArgument {
    case tsv, jsonl, csv
}

/// Writes fields in one format: TSV (tab-separated, with `\`, tab, CR, LF escaped as
/// `\\`, `\t`, `\r`, `\n`), CSV (RFC 4180 quoting) or JSONL (one object per line).
enum FieldFormatting {
    /// `p` with exactly 4 decimals, e.g. `0.9731`, without Foundation's `String(format:)`
    /// (this runs for every output line).
    static func decimal(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let scaled = Int((Double(abs(value)) * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return "\(sign)\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    static func tsvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fields joined in `format`'s way (TSV or CSV).
    static func row(_ fields: [String], _ format: ResultFormat) -> String {
        switch format {
        case .tsv: return fields.map(tsvField).joined(separator: "\t")
        case .csv: return fields.map(csvField).joined(separator: ",")
        case .jsonl: preconditionFailure("JSONL rows are objects")
        }
    }

    /// `{"a":1,…}` from already-encoded values, in order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// `label`, `confidence`, `probabilities` as JSON members (nulls for no prediction).
    static func predictionMembers(_ prediction: Prediction?, labels: [String], threshold: Float?) -> [(String, String)] {
        guard let prediction else {
            return [("label", "null"), ("confidence", "null"), ("probabilities", "null")]
        }
        let probabilities = object(zip(labels, prediction.probabilities).map { ($0, decimal($1)) })
        return [
            ("label", shownLabel(prediction, threshold: threshold).map(jsonString) ?? "null"),
            ("confidence", decimal(prediction.confidence)),
            ("probabilities", probabilities),
        ]
    }

    /// The label, or nil when its probability is below `--threshold`.
    static func shownLabel(_ prediction: Prediction, threshold: Float?) -> String? {
        if let threshold, prediction.confidence < threshold { return nil }
        return prediction.label
    }
}
