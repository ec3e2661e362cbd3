import Foundation
import Model

/// `eval --reliability FILE.svg`: accuracy against confidence per equal-width bin, the
/// diagonal of perfect calibration, each bin's mean confidence (over-confidence shaded), and the number of
/// examples per bin as a histogram beneath. One self-contained SVG (no script, no
/// external font or style).
struct ReliabilityDiagram {
    let bins: [ReliabilityBin]
    let expectedCalibrationError: Double
    let title: String
    /// Which of the model's classes were scored, when not all of them ("negative and
    /// positive only, the file's classes"): said beside the histogram's heading, so that a
    /// picture whose confidences start at 0.5 for a three-way model explains itself.
    var scope: String? = nil

    // Layout, in SVG user units.
    private let width = 640.0, height = 600.0
    private let left = 72.0, right = 24.0, top = 104.0
    private let plotHeight = 320.0, histogramTop = 470.0, histogramHeight = 70.0
    /// The legend's two rows, between the subtitle and the plot: outside it, so no bar
    /// (an under-confident bin at low confidence reaches high) is ever hidden.
    private let legendTop = 64.0, legendColumn = 280.0

    private var plotWidth: Double { width - left - right }
    private func x(_ confidence: Double) -> Double { left + confidence * plotWidth }
    private func y(_ accuracy: Double) -> Double { top + (1 - accuracy) * plotHeight }

    func svg() -> String {
        var parts: [String] = []
        parts.append(SVG.header(width: width, height: height, title: "Reliability diagram: \(title)") + "\n" + """
            <text x="\(n(left))" y="26" font-size="16" font-weight="bold" fill="#222">Reliability diagram</text>
            <text x="\(n(left))" y="46" fill="#555">\(SVG.escaped(SVG.elided(title, to: 64))) · ECE \(String(format: "%.4f", expectedCalibrationError)) over \(bins.count) bins</text>
            """)
        // Grid and axes of the main plot.
        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            parts.append("<line x1=\"\(n(x(0)))\" y1=\"\(n(y(tick)))\" x2=\"\(n(x(1)))\" y2=\"\(n(y(tick)))\" stroke=\"#e6e6e6\"/>")
            parts.append("<line x1=\"\(n(x(tick)))\" y1=\"\(n(y(0)))\" x2=\"\(n(x(tick)))\" y2=\"\(n(y(1)))\" stroke=\"#e6e6e6\"/>")
            parts.append("<text x=\"\(n(x(0) - 8))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" fill=\"#444\">\(String(format: "%.1f", tick))</text>")
            parts.append("<text x=\"\(n(x(tick)))\" y=\"\(n(histogramTop + histogramHeight + 18))\" text-anchor=\"middle\" fill=\"#444\">\(String(format: "%.1f", tick))</text>")
        }
        // Bars: accuracy per non-empty bin, and the gap to its mean confidence.
        let barWidth = plotWidth / Double(bins.count)
        for bin in bins where bin.count > 0 {
            let x0 = x(bin.lower) + 1, w = barWidth - 2
            parts.append("""
                <rect x="\(n(x0))" y="\(n(y(bin.accuracy)))" width="\(n(w))" height="\(n(y(0) - y(bin.accuracy)))" \
                fill="#3b6fb6"><title>confidence \(String(format: "%.2f", bin.lower))–\(String(format: "%.2f", bin.upper)): \
                \(bin.count) examples, accuracy \(String(format: "%.3f", bin.accuracy)), mean confidence \(String(format: "%.3f", bin.meanConfidence))</title></rect>
                """)
            // Over-confidence (the bin's mean confidence above its accuracy) shades the
            // gap above the bar; the mean confidence itself is a red line on every bar.
            if bin.meanConfidence > bin.accuracy {
                parts.append("""
                    <rect x="\(n(x0))" y="\(n(y(bin.meanConfidence)))" width="\(n(w))" \
                    height="\(n(y(bin.accuracy) - y(bin.meanConfidence)))" fill="#d9534f" fill-opacity="0.3"/>
                    """)
            }
            parts.append("""
                <line x1="\(n(x0))" y1="\(n(y(bin.meanConfidence)))" x2="\(n(x0 + w))" y2="\(n(y(bin.meanConfidence)))" \
                stroke="#c9302c" stroke-width="2.5"/>
                """)
        }
        parts.append("<line x1=\"\(n(x(0)))\" y1=\"\(n(y(0)))\" x2=\"\(n(x(1)))\" y2=\"\(n(y(1)))\" stroke=\"#222\" stroke-dasharray=\"6 4\"/>")
        parts.append("<rect x=\"\(n(x(0)))\" y=\"\(n(y(1)))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#888\"/>")
        parts.append("<text transform=\"translate(22 \(n(y(0.5)))) rotate(-90)\" text-anchor=\"middle\" fill=\"#222\">accuracy</text>")
        // Legend: two rows of two entries above the plot.
        let (lx, rx, row1, row2) = (left, left + legendColumn, legendTop, legendTop + 20)
        parts.append("""
            <rect x="\(n(lx))" y="\(n(row1 - 9))" width="14" height="10" fill="#3b6fb6"/>
            <text x="\(n(lx + 20))" y="\(n(row1))" fill="#222">accuracy in the bin</text>
            <line x1="\(n(rx))" y1="\(n(row1 - 4))" x2="\(n(rx + 14))" y2="\(n(row1 - 4))" stroke="#c9302c" stroke-width="2.5"/>
            <text x="\(n(rx + 20))" y="\(n(row1))" fill="#222">mean confidence in the bin</text>
            <rect x="\(n(lx))" y="\(n(row2 - 9))" width="14" height="10" fill="#d9534f" fill-opacity="0.3"/>
            <text x="\(n(lx + 20))" y="\(n(row2))" fill="#222">over-confidence gap</text>
            <line x1="\(n(rx))" y1="\(n(row2 - 4))" x2="\(n(rx + 14))" y2="\(n(row2 - 4))" stroke="#222" stroke-dasharray="4 3"/>
            <text x="\(n(rx + 20))" y="\(n(row2))" fill="#222">perfect calibration</text>
            """)
        // Histogram of examples per bin, on its own scale, with the counts written.
        let largest = Double(bins.map(\.count).max() ?? 0)
        parts.append("<text x=\"\(n(left))\" y=\"\(n(histogramTop - 10))\" fill=\"#222\">examples per bin"
            + (scope.map { " <tspan fill=\"#555\" font-size=\"11\">· \(SVG.escaped($0))</tspan>" } ?? "") + "</text>")
        for bin in bins where bin.count > 0 {
            let h = largest == 0 ? 0 : max(1, Double(bin.count) / largest * histogramHeight)
            let x0 = x(bin.lower) + 1, w = barWidth - 2
            parts.append("<rect x=\"\(n(x0))\" y=\"\(n(histogramTop + histogramHeight - h))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"#8c8c8c\"/>")
            parts.append("<text x=\"\(n(x0 + w / 2))\" y=\"\(n(histogramTop + histogramHeight - h - 3))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">\(bin.count)</text>")
        }
        parts.append("<line x1=\"\(n(x(0)))\" y1=\"\(n(histogramTop + histogramHeight))\" x2=\"\(n(x(1)))\" y2=\"\(n(histogramTop + histogramHeight))\" stroke=\"#888\"/>")
        parts.append("<text x=\"\(n(x(0.5)))\" y=\"\(n(height - 12))\" text-anchor=\"middle\" fill=\"#222\">confidence (probability of the predicted class)</text>")
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String { SVG.number(value) }
}
