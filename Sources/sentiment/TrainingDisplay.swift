import Foundation
import Model

/// Training progress on stderr: a live bar (epoch, batch, loss, tokens/s, ETA) redrawn
/// at most ten times a second when stderr is a terminal; one plain line per epoch always.
final class TrainingDisplay {
    let epochs: Int
    let isTerminal: Bool
    private var lastDraw = Date.distantPast
    private var barShown = false

    init(epochs: Int, isTerminal: Bool) {
        self.epochs = epochs
        self.isTerminal = isTerminal
    }

    /// False when the training file was too small to hold a dev set out.
    private var hasDevSet = true

    func show(_ event: TrainingEvent) {
        switch event {
        case let .started(_, devRows, _, _):
            hasDevSet = devRows > 0
        case let .batch(epoch, batch, batches, meanLoss, tokensPerSecond, elapsed):
            guard isTerminal else { return }
            let now = Date()
            guard batch == batches || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            let width = 24
            let filled = width * batch / max(1, batches)
            let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "")
                + String(repeating: " ", count: max(0, width - filled - 1))
            let remaining = batch > 0 ? elapsed / Double(batch) * Double(batches - batch) : 0
            StandardError.write(String(
                format: "\r\u{1B}[Kepoch %d/%d [%@] %d/%d loss %.4f %@ tok/s ETA %@",
                epoch, epochs, bar, batch, batches, meanLoss, compactCount(tokensPerSecond), duration(remaining)))
            barShown = true
        case let .epoch(record, improved):
            clearBar()
            let dev = hasDevSet
                ? "dev acc \(percent(record.devAccuracy))  dev macro-F1 \(percent(record.devMacroF1))" : "no dev set"
            StandardError.writeLine(String(
                format: "epoch %d/%d  train loss %.4f  %@  %@ tok/s  %@  padding %.1f%%%@",
                record.epoch, epochs, record.trainLoss, dev,
                compactCount(record.tokensPerSecond), duration(record.seconds), record.paddingFraction * 100,
                improved ? "  *best" : ""))
        }
    }

    func finish() {
        clearBar()
    }

    private func clearBar() {
        if barShown {
            StandardError.write("\r\u{1B}[K")
            barShown = false
        }
    }
}
