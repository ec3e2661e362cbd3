import Foundation

/// A one-line progress display on stderr, redrawn at most 4 times a second, only when
/// stderr is a terminal (logs and pipes get the final summary alone).
final class Progress {
    private let isEnabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let unit: String

    init(unit: String) {
        self.unit = unit
        isEnabled = StandardError.isTerminal
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    func update(done: Int) {
        guard isEnabled, Date().timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = Date()
        let rate = Double(done) / max(elapsed, 1e-9)
        StandardError.write("\r\u{1B}[K\(done) \(unit)  \(Int(rate))/s")
    }

    func finish() {
        if isEnabled { StandardError.write("\r\u{1B}[K") }
    }
}
