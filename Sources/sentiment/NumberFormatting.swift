import Foundation

// Numbers as the command line prints them in progress lines, reports and cards.

/// 12345 → "12.3k", 1234567 → "1.23M".
func compactCount(_ value: Double) -> String {
    switch value {
    case ..<1_000: return String(format: "%.0f", value)
    case ..<1_000_000: return String(format: "%.1fk", value / 1_000)
    default: return String(format: "%.2fM", value / 1_000_000)
    }
}

/// Seconds as "42.1s", "3m05s" or "1h02m".
func duration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
    return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
}

/// Rows of a card or report: each key padded to the longest plus two spaces, then its
/// value; one line per row (`info`, `calibrate`).
func keyValueLines(_ rows: [(String, String)]) -> String {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(separator: "\n") + "\n"
}

/// Per-class calibration offsets: "negative +0.059, neutral +0.068, positive -0.127".
func offsetList(_ offsets: [Float], labels: [String]) -> String {
    zip(labels, offsets).map { "\($0) \(String(format: "%+.3f", $1))" }.joined(separator: ", ")
}
