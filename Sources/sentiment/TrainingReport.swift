import Files
import Foundation
import Model

/// `train --report FILE.svg` (or `FILE.html`, the same picture in a small page): the
/// run's curves, per epoch. Top panel: the training loss (the mean of every few batches,
/// and of the whole epoch) and the dev loss; bottom panel: the dev metric that picks the
/// best epoch, in percent. A dashed line marks the best epoch in both.
///
/// The path is checked when the report is made, before training starts. The picture is
/// rewritten (atomically) after every epoch, so it can be watched while the run goes on,
/// and once more when the run ends, however it ends (all epochs, early stop, Ctrl-C).
/// A device or FIFO (`--report /dev/stdout`) gets the final picture only.
final class TrainingReport {
    /// The path as the user gave it.
    let path: String
    /// SVG, or an HTML page for `.html`.
    private let picture: PictureFile
    let metric: DevMetric
    let trainPath: String
    let modelPath: String
    /// The most epochs the run may take (`--epochs`).
    let epochs: Int
    /// False for a device or FIFO: written once, at the end.
    private let rewritesEachEpoch: Bool
    /// The run's epochs so far, a resumed run's earlier ones included (the first
    /// rewrite of a resumed run's picture used to drop them).
    private var history: [EpochRecord] = []
    private var bestEpoch = 0
    private var hasWarned = false

    /// Checks `path` as every output is checked (not a folder, its folder exists, not one
    /// of `inputs` nor a cache database), and that it is not the model's path either.
    /// - Throws: `OutputFileError` or `UsageError`, before any training.
    init(path: String, metric: DevMetric, trainPath: String, modelPath: String, epochs: Int, inputs: [String],
         cache: CacheOptions) throws {
        let target = try OutputTarget.checked(path, inputs: inputs, cache: cache)
        let model = URL(fileURLWithPath: modelPath).standardizedFileURL.path
        let report = URL(fileURLWithPath: target.resolvedPath).standardizedFileURL.path
        if report == model || report == model + ".resume" {
            throw UsageError(description: "\(path): is also where the model goes (-o); write the report to another file")
        }
        picture = try PictureFile(path, option: "--report")
        self.path = path
        self.metric = metric
        self.trainPath = trainPath
        self.modelPath = modelPath
        self.epochs = epochs
        rewritesEachEpoch = !target.kind.isWrittenInPlace
    }

    /// Follows the run: after each epoch the picture is rewritten. A failed rewrite is
    /// reported once and training goes on; the final write reports its own failure.
    func record(_ event: TrainingEvent) {
        if case let .started(_, _, earlier, best) = event {
            (history, bestEpoch) = (earlier, best)
        }
        guard case let .epoch(record, improved) = event else { return }
        history.append(record)
        if improved { bestEpoch = record.epoch }
        guard rewritesEachEpoch else { return }
        do {
            try write(history: history, bestEpoch: bestEpoch, status: "epoch \(record.epoch) of \(epochs), training")
        } catch {
            if !hasWarned { StandardError.writeLine("sentiment: warning: \(error)") }
            hasWarned = true
        }
    }

    /// Writes the final picture from the run's whole history (a resumed run's included).
    func finish(_ result: TrainingResult) throws {
        guard !result.history.isEmpty else {
            StandardError.writeLine("report: no epoch finished: \(path) not written")
            return
        }
        let done = result.history.count
        let status: String
        switch result.outcome {
        case .completed: status = "\(done) epoch\(done == 1 ? "" : "s")"
        case .earlyStopped: status = "\(done) of \(epochs) epochs, stopped early"
        case .interrupted: status = "interrupted after \(done) of \(epochs) epochs"
        }
        try write(history: result.history, bestEpoch: result.bestEpoch, status: status)
        StandardError.writeLine("report: \(path)")
    }

    private func write(history: [EpochRecord], bestEpoch: Int, status: String) throws {
        let title = "Training report: \((modelPath as NSString).lastPathComponent)"
        var figure = Self.figure(history: history, bestEpoch: bestEpoch, metric: metric, title: title,
                                 subtitle: "\(trainPath) · \(status)")
        // Two panels that fit a 1000 × 700 browser window without scrolling.
        figure.panelHeight = 280
        let svg = figure.svg()
        try picture.write(svg: svg, title: title)
    }

    /// The picture of `history`: the loss panel, and the dev-metric panel when there
    /// was a dev set; `bestEpoch` (0 for none yet) marked in both.
    static func figure(history: [EpochRecord], bestEpoch: Int, metric: DevMetric, title: String, subtitle: String) -> ChartFigure {
        let lastEpoch = history.map(\.epoch).max() ?? 0
        let xAxis = ChartAxis(title: "epoch", minimum: 0, maximum: Double(max(1, lastEpoch)), integerTicks: true)
        let best = history.first { $0.epoch == bestEpoch }
        let hasDevSet = history.contains { $0.devLoss != nil || $0.devAccuracy > 0 || $0.devMacroF1 > 0 }
        let metricName = metric == .macroF1 ? "macro-F1" : "accuracy"
        func score(_ record: EpochRecord) -> Double { metric == .macroF1 ? record.devMacroF1 : record.devAccuracy }

        func metricChart() -> LineChart {
            let scores = history.map { score($0) * 100 }
            // Whole tens around the scores, within 0…100; from 0 once a score is below
            // half, so a run that starts near chance is seen from the bottom.
            var low = max(0, ((scores.min() ?? 0) / 10).rounded(.down) * 10)
            let high = min(100, ((scores.max() ?? 100) / 10).rounded(.up) * 10)
            if low < 50 { low = 0 }
            if high - low < 10 { low = max(0, high - 10) }
            return LineChart(
                title: "Dev \(metricName) (selects the best epoch)", xAxis: xAxis,
                yAxis: ChartAxis(title: "dev \(metricName) (%)", minimum: low, maximum: max(high, low + 10)),
                series: [ChartSeries(name: "dev \(metricName)", points: history.map { (Double($0.epoch), score($0) * 100) },
                                     color: "#2ca02c", showsDots: true)])
        }

        // The training loss between epoch ends: point i of epoch e at e − 1 + its share of
        // the epoch's batches.
        var batchPoints: [(x: Double, y: Double)] = []
        for record in history {
            guard let curve = record.trainLossCurve else { continue }
            for (index, loss) in curve.meanLosses.enumerated() {
                batchPoints.append((Double(record.epoch - 1) + curve.epochFraction(atPoint: index), Double(loss)))
            }
        }
        let intervals = Set(history.compactMap { $0.trainLossCurve?.interval })
        let every = intervals.count == 1 ? intervals.first! : nil
        // An epoch's mean loss is a mean over the epoch: a step across it, not a point
        // at its end (where the loss is already lower).
        let epochMeans = history.flatMap { record in
            [(x: Double(record.epoch - 1), y: Double(record.trainLoss)), (x: Double(record.epoch), y: Double(record.trainLoss))]
        }
        var lossSeries = [
            ChartSeries(name: every == 1 ? "train loss, each batch" : "train loss, mean per \(every.map(String.init) ?? "few") batches",
                        points: batchPoints, color: "#9ecae1", lineWidth: 1.2),
            ChartSeries(name: "train loss, epoch mean", points: epochMeans, color: "#1f77b4"),
        ]
        if hasDevSet {
            lossSeries.append(ChartSeries(name: "dev loss", points: history.compactMap { record in
                record.devLoss.map { (Double(record.epoch), $0) }
            }, color: "#ff7f0e", showsDots: true))
        }
        var lossChart = LineChart(
            title: "Loss", xAxis: xAxis, yAxis: ChartAxis(title: "cross-entropy (nats)", minimum: 0), series: lossSeries)
        guard let best else {
            return ChartFigure(title: title, subtitle: subtitle, panels: hasDevSet ? [lossChart, metricChart()] : [lossChart])
        }
        lossChart.markers = [ChartMarker(
            x: Double(best.epoch), label: hasDevSet ? "best epoch \(best.epoch)" : "best epoch \(best.epoch) (lowest training loss)")]
        guard hasDevSet else { return ChartFigure(title: title, subtitle: subtitle, panels: [lossChart]) }
        var scoreChart = metricChart()
        scoreChart.markers = [ChartMarker(x: Double(best.epoch), label: "best epoch \(best.epoch): \(percent(score(best)))")]
        return ChartFigure(title: title, subtitle: subtitle, panels: [lossChart, scoreChart])
    }
}
