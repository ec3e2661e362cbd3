import Foundation

/// Line charts as self-contained SVG: several named series over one pair of axes, a
/// linear or log10 scale on either axis, "nice" tick values (1, 2 or 5 × 10ⁿ; whole
/// decades on a log axis), axis titles, a legend beside the plot, and optional vertical
/// markers with a label (the best epoch, a learning-rate change). `ChartFigure` stacks
/// one or more charts, aligned on the same width, into one picture.
///
/// ```swift
/// let chart = LineChart(
///     title: "Gradient norm",
///     xAxis: ChartAxis(title: "step", integerTicks: true),
///     yAxis: ChartAxis(title: "global gradient norm", scale: .log10),
///     series: [ChartSeries(name: "lstm", points: lstm), ChartSeries(name: "rnn", points: rnn)],
///     markers: [ChartMarker(x: 1200, label: "lr halved")])
/// let svg = ChartFigure(title: "Gradient norms by cell", panels: [chart]).svg()
/// ```
///
/// Points that cannot be drawn (not finite, or ≤ 0 on a log axis) leave a gap in their
/// line. Text widths are estimated (no font metrics are available), generously, so
/// labels do not overlap in DejaVu Sans, Helvetica or Arial.
struct LineChart {
    /// Shown above the plot; empty for none.
    var title = ""
    var xAxis: ChartAxis
    var yAxis: ChartAxis
    /// Drawn in order (the last on top), colored from `ChartSeries.palette` unless they
    /// name a color.
    var series: [ChartSeries]
    var markers: [ChartMarker] = []
}

/// One axis: its title (say the unit: "loss (nats)", "dev accuracy (%)"), its scale
/// and its bounds.
struct ChartAxis {
    enum Scale: Equatable {
        case linear
        /// Decades equally spaced; ticks at powers of ten. Values ≤ 0 are not drawn.
        case log10
    }

    var title: String
    var scale: Scale = .linear
    /// Fixed ends of the axis; nil fits the data, widened to the next tick.
    var minimum: Double? = nil
    var maximum: Double? = nil
    /// Ticks on whole numbers only (epochs, steps).
    var integerTicks = false
    /// Writes a tick value; nil for the default (as many decimals as the tick step
    /// needs; powers of ten on a log axis).
    var tickLabel: ((Double) -> String)? = nil
}

/// A named line.
struct ChartSeries {
    enum Stroke: Equatable {
        case solid, dashed, dotted
    }

    /// Colorblind-safe colors (Tableau 10) given to series in order.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The legend's text.
    var name: String
    /// (x, y) in data units, drawn in this order.
    var points: [(x: Double, y: Double)]
    /// A CSS color; nil takes the palette's color for the series' place in the chart.
    var color: String? = nil
    var stroke: Stroke = .solid
    var lineWidth = 2.0
    /// A dot on each point, for series with few points (one per epoch).
    var showsDots = false
}

/// A vertical line across the plot at `x`, labeled at its top.
struct ChartMarker {
    var x: Double
    var label: String
    var color = "#444444"
}

/// One or more `LineChart`s stacked in one SVG picture under a title, their plots
/// aligned: the same left edge and width, whatever their tick labels and legends.
struct ChartFigure {
    var title: String
    /// A second line under the title (what was run, the result); empty for none.
    var subtitle = ""
    var panels: [LineChart]
    /// Picture width, in SVG user units (pixels at 100%).
    var width = 820.0
    /// Height of each panel: its title, plot, tick labels and x-axis title.
    var panelHeight = 320.0

    // Layout, in user units.
    private static let margin = 16.0
    private static let panelTitleHeight = 24.0
    /// Under the plot: tick labels, then the x axis's title.
    private static let xAxisHeight = 46.0
    private static let panelGap = 14.0
    private static let legendGap = 16.0
    private static let legendRowHeight = 20.0
    private static let legendSampleWidth = 26.0

    /// The whole picture: an `<svg>` document ending in a newline.
    func svg() -> String {
        // No title and no subtitle: no band for them above the panels.
        let headerHeight = title.isEmpty && subtitle.isEmpty ? 12.0 : subtitle.isEmpty ? 44.0 : 64.0
        let height = headerHeight + Double(panels.count) * (panelHeight + Self.panelGap)
        let plans = panels.map { PanelPlan($0, plotHeight: plotHeight(of: $0)) }
        // One left edge and one legend column for all panels, so their x axes line up.
        let left = Self.margin + 22 + (plans.map(\.yLabelWidth).max() ?? 0) + 8
        let legendWidth = plans.map(\.legendWidth).max() ?? 0
        let plotWidth = max(120, width - left - Self.legendGap - legendWidth - Self.margin)

        var parts = [SVG.header(width: width, height: height, title: title)]
        if !title.isEmpty {
            parts.append("<text x=\"\(n(Self.margin))\" y=\"28\" font-size=\"16\" font-weight=\"bold\" fill=\"#222\">\(SVG.escaped(title))</text>")
        }
        if !subtitle.isEmpty {
            parts.append("<text x=\"\(n(Self.margin))\" y=\"48\" fill=\"#555\">\(SVG.escaped(subtitle))</text>")
        }
        var top = headerHeight
        for (index, plan) in plans.enumerated() {
            let plotTop = top + (plan.chart.title.isEmpty ? 8 : Self.panelTitleHeight)
            let frame = PlotFrame(x: left, y: plotTop, width: plotWidth, height: plan.plotHeight)
            parts += plan.elements(in: frame, clipID: "plot\(index + 1)", legendX: frame.maxX + Self.legendGap)
            top += panelHeight + Self.panelGap
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    private func plotHeight(of chart: LineChart) -> Double {
        max(60, panelHeight - (chart.title.isEmpty ? 8 : Self.panelTitleHeight) - Self.xAxisHeight)
    }

    private func n(_ value: Double) -> String { SVG.number(value) }

    /// A panel with its axes resolved against its data: what the figure needs to align
    /// panels, then the panel's SVG elements.
    private struct PanelPlan {
        let chart: LineChart
        let plotHeight: Double
        let x: ResolvedAxis
        let y: ResolvedAxis

        init(_ chart: LineChart, plotHeight: Double) {
            self.chart = chart
            self.plotHeight = plotHeight
            let points = chart.series.flatMap(\.points)
            x = chart.xAxis.resolved(values: points.map(\.x), targetTicks: 8)
            y = chart.yAxis.resolved(values: points.map(\.y), targetTicks: max(3, Int(plotHeight / 40)))
        }

        var yLabelWidth: Double {
            y.labels.map { textWidth($0, fontSize: 11) }.max() ?? 0
        }

        var legendWidth: Double {
            let names = chart.series.map { textWidth(legendName($0.name), fontSize: 12) }
            return ChartFigure.legendSampleWidth + 8 + (names.max() ?? 0)
        }

        func elements(in frame: PlotFrame, clipID: String, legendX: Double) -> [String] {
            var parts: [String] = []
            func n(_ value: Double) -> String { SVG.number(value) }
            func px(_ value: Double) -> Double? { x.fraction(of: value).map { frame.x + $0 * frame.width } }
            func py(_ value: Double) -> Double? { y.fraction(of: value).map { frame.maxY - $0 * frame.height } }

            if !chart.title.isEmpty {
                parts.append("<text x=\"\(n(frame.x))\" y=\"\(n(frame.y - 8))\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">\(SVG.escaped(chart.title))</text>")
            }
            // The clip reaches a little beyond the frame, so a dot on an edge (a score of
            // 100%) is drawn whole.
            parts.append("<clipPath id=\"\(clipID)\"><rect x=\"\(n(frame.x - 4))\" y=\"\(n(frame.y - 4))\" "
                + "width=\"\(n(frame.width + 8))\" height=\"\(n(frame.height + 8))\"/></clipPath>")
            // Grid: minor lines (log decades) fainter than the ticks' lines.
            for value in y.minorTicks {
                if let yy = py(value) { parts.append(hLine(yy, frame, "#f2f2f2")) }
            }
            for value in x.minorTicks {
                if let xx = px(value) { parts.append(vLine(xx, frame, "#f2f2f2")) }
            }
            for (value, label) in zip(y.ticks, y.labels) {
                guard let yy = py(value) else { continue }
                parts.append(hLine(yy, frame, "#e3e3e3"))
                parts.append("<text x=\"\(n(frame.x - 6))\" y=\"\(n(yy + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">\(SVG.escaped(label))</text>")
            }
            for (value, label) in zip(x.ticks, x.labels) {
                guard let xx = px(value) else { continue }
                parts.append(vLine(xx, frame, "#e3e3e3"))
                parts.append("<text x=\"\(n(xx))\" y=\"\(n(frame.maxY + 16))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">\(SVG.escaped(label))</text>")
            }
            parts.append("<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" fill=\"none\" stroke=\"#888\"/>")
            parts.append("<text x=\"\(n(frame.x + frame.width / 2))\" y=\"\(n(frame.maxY + 36))\" text-anchor=\"middle\" fill=\"#222\">\(SVG.escaped(chart.xAxis.title))</text>")
            let yTitleX = frame.x - 6 - (y.labels.map { textWidth($0, fontSize: 11) }.max() ?? 0) - 10
            parts.append("<text transform=\"translate(\(n(yTitleX)) \(n(frame.y + frame.height / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#222\">\(SVG.escaped(chart.yAxis.title))</text>")

            // The lines, clipped to the plot: one path per series, broken where a point
            // cannot be drawn.
            parts.append("<g clip-path=\"url(#\(clipID))\">")
            for (index, series) in chart.series.enumerated() {
                let color = series.color ?? ChartSeries.palette[index % ChartSeries.palette.count]
                var commands: [String] = []
                var dots: [String] = []
                var penDown = false
                for point in series.points {
                    guard let xx = px(point.x), let yy = py(point.y) else {
                        penDown = false
                        continue
                    }
                    commands.append("\(penDown ? "L" : "M")\(n(xx)) \(n(yy))")
                    penDown = true
                    if series.showsDots {
                        dots.append("<circle cx=\"\(n(xx))\" cy=\"\(n(yy))\" r=\"3\" fill=\"\(color)\"/>")
                    }
                }
                parts.append("<path class=\"series\" d=\"\(commands.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" "
                    + "stroke-width=\"\(n(series.lineWidth))\"\(dashArray(series.stroke)) stroke-linejoin=\"round\" stroke-linecap=\"round\">"
                    + "<title>\(SVG.escaped(series.name))</title></path>")
                parts += dots
            }
            // Markers outside the x range are left out (with their labels, below).
            let shownMarkers = chart.markers.filter { marker in x.fraction(of: marker.x).map { (0...1).contains($0) } ?? false }
            for marker in shownMarkers {
                guard let xx = px(marker.x) else { continue }
                parts.append("<line class=\"marker\" x1=\"\(n(xx))\" y1=\"\(n(frame.y))\" x2=\"\(n(xx))\" y2=\"\(n(frame.maxY))\" "
                    + "stroke=\"\(marker.color)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>")
            }
            parts.append("</g>")
            // Marker labels: above the plot at the top of their line, like a flag, where
            // the panel's title leaves room (on the left of a line near the right edge);
            // else inside the plot's top, with a white halo (stroke painted under the
            // fill) so a curve behind neither hides the label nor is hidden beyond its letters.
            let titleEnd = frame.x + (chart.title.isEmpty ? 0 : textWidth(chart.title, fontSize: 13) * 1.1) + 12
            for marker in shownMarkers {
                guard let xx = px(marker.x) else { continue }
                let width = textWidth(marker.label, fontSize: 11)
                let onLeft = xx + 6 + width > frame.maxX
                let start = onLeft ? xx - 6 - width : xx + 6
                let above = start >= titleEnd
                parts.append("<text class=\"marker-label\" x=\"\(n(onLeft ? xx - 6 : xx + 6))\" y=\"\(n(above ? frame.y - 8 : frame.y + 15))\" "
                    + "text-anchor=\"\(onLeft ? "end" : "start")\" font-size=\"11\" fill=\"\(marker.color)\" "
                    + "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\(SVG.escaped(marker.label))</text>")
            }
            // The legend, beside the plot (never over the data).
            for (index, series) in chart.series.enumerated() {
                let color = series.color ?? ChartSeries.palette[index % ChartSeries.palette.count]
                let rowY = frame.y + 12 + Double(index) * ChartFigure.legendRowHeight
                let sampleEnd = legendX + ChartFigure.legendSampleWidth
                parts.append("<line x1=\"\(n(legendX))\" y1=\"\(n(rowY))\" x2=\"\(n(sampleEnd))\" y2=\"\(n(rowY))\" stroke=\"\(color)\" "
                    + "stroke-width=\"\(n(series.lineWidth))\"\(dashArray(series.stroke))/>")
                if series.showsDots {
                    parts.append("<circle cx=\"\(n(legendX + ChartFigure.legendSampleWidth / 2))\" cy=\"\(n(rowY))\" r=\"3\" fill=\"\(color)\"/>")
                }
                parts.append("<text class=\"legend\" x=\"\(n(sampleEnd + 8))\" y=\"\(n(rowY + 4))\" fill=\"#222\">\(SVG.escaped(legendName(series.name)))</text>")
            }
            return parts
        }

        private func hLine(_ yy: Double, _ frame: PlotFrame, _ color: String) -> String {
            "<line x1=\"\(SVG.number(frame.x))\" y1=\"\(SVG.number(yy))\" x2=\"\(SVG.number(frame.maxX))\" y2=\"\(SVG.number(yy))\" stroke=\"\(color)\"/>"
        }

        private func vLine(_ xx: Double, _ frame: PlotFrame, _ color: String) -> String {
            "<line x1=\"\(SVG.number(xx))\" y1=\"\(SVG.number(frame.y))\" x2=\"\(SVG.number(xx))\" y2=\"\(SVG.number(frame.maxY))\" stroke=\"\(color)\"/>"
        }

        private func dashArray(_ stroke: ChartSeries.Stroke) -> String {
            switch stroke {
            case .solid: return ""
            case .dashed: return " stroke-dasharray=\"7 4\""
            case .dotted: return " stroke-dasharray=\"2 3\""
            }
        }

        /// Legend names are kept to 48 characters (the legend sits beside the plot).
        private func legendName(_ name: String) -> String { SVG.elided(name, to: 48) }
    }

    private struct PlotFrame {
        var x, y, width, height: Double
        var maxX: Double { x + width }
        var maxY: Double { y + height }
    }
}

/// An estimate of the width of `text` in DejaVu Sans (the widest of the usual faces):
/// 0.58 em a character, enough for digits and lower case.
private func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.58
}

/// An axis fitted to its data: its ends, its ticks and their labels, and where a value
/// falls between the ends.
struct ResolvedAxis {
    let scale: ChartAxis.Scale
    let lower: Double
    let upper: Double
    /// Labeled tick values, ascending.
    let ticks: [Double]
    let labels: [String]
    /// Unlabeled grid values: 2…9 × 10ⁿ on a log axis of at most four decades, the
    /// unlabeled decades on a longer one.
    let minorTicks: [Double]

    /// Where `value` falls from the lower end (0) to the upper end (1), or nil when it
    /// cannot be drawn (not finite; ≤ 0 on a log axis; beyond what an axis is fitted to,
    /// `ChartAxis.fits`). Values beyond the ends give fractions outside [0, 1], which the
    /// plot clips; held within a thousand plot widths, so that a coordinate stays a number
    /// an SVG viewer reads.
    func fraction(of value: Double) -> Double? {
        guard ChartAxis.fits(value, scale: scale) else { return nil }
        let fraction: Double
        switch scale {
        case .linear:
            fraction = (value - lower) / (upper - lower)
        case .log10:
            fraction = (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
        return min(max(fraction, -1000), 1001)
    }
}

extension ChartAxis {
    /// The axis fitted to `values` (those that can be drawn), with about `targetTicks`
    /// ticks: the fixed ends where given, else the data's range widened to the next
    /// tick (1, 2 or 5 × 10ⁿ apart; whole decades on a log axis).
    func resolved(values: [Double], targetTicks: Int) -> ResolvedAxis {
        let drawable = values.filter { Self.fits($0, scale: scale) }
        switch scale {
        case .linear: return resolvedLinear(drawable, targetTicks: targetTicks)
        case .log10: return resolvedLog(drawable, targetTicks: targetTicks)
        }
    }

    /// Whether an axis is fitted to `value`: finite, within ±10³⁰⁰, and on a log axis at
    /// least 10⁻³⁰⁰. Beyond that the axis arithmetic (the span, a tick's exponent) leaves the
    /// range of Double or Int; such points are clipped like any beyond the ends.
    static func fits(_ value: Double, scale: Scale) -> Bool {
        guard value.isFinite, abs(value) <= 1e300 else { return false }
        return scale == .linear || value >= 1e-300
    }

    /// 1, 2 or 5 × 10ⁿ: the tick step nearest to cutting `span` into `intervals` parts
    /// (Heckbert's "nice numbers", Graphics Gems, 1990).
    static func niceStep(span: Double, intervals: Int) -> Double {
        let raw = span / Double(max(1, intervals))
        let magnitude = pow(10, floor(Foundation.log10(raw)))
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    private func resolvedLinear(_ values: [Double], targetTicks: Int) -> ResolvedAxis {
        var low = minimum ?? values.min() ?? 0
        var high = maximum ?? values.max() ?? 1
        if let minimum, maximum == nil, high <= minimum { high = minimum + 1 }
        if let maximum, minimum == nil, low >= maximum { low = maximum - 1 }
        if high <= low {
            // A flat series: a band around it.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            if minimum == nil { low -= pad }
            if maximum == nil { high += pad }
            if high <= low { high = low + 1 }
        }
        var step = Self.niceStep(span: high - low, intervals: max(1, targetTicks - 1))
        if integerTicks { step = max(1, step.rounded()) }
        let lower = minimum ?? (low / step).rounded(.down) * step
        let upper = maximum ?? (high / step).rounded(.up) * step
        // Ticks are whole multiples of the step, computed from an integer so that 0.1 × 3
        // is written 0.3.
        let first = Int((lower / step - 1e-9).rounded(.up)), last = Int((upper / step + 1e-9).rounded(.down))
        let ticks = first <= last ? (first...last).map { Double($0) * step } : []
        let decimals = max(0, Int(-floor(Foundation.log10(step) + 1e-9)))
        let labels = ticks.map { value in
            tickLabel?(value) ?? String(format: "%.\(decimals)f", value == 0 ? 0 : value)
        }
        return ResolvedAxis(scale: .linear, lower: lower, upper: upper, ticks: ticks, labels: labels, minorTicks: [])
    }

    private func resolvedLog(_ values: [Double], targetTicks: Int) -> ResolvedAxis {
        let fixedLow = minimum.flatMap { $0 > 0 ? $0 : nil }, fixedHigh = maximum.flatMap { $0 > 0 ? $0 : nil }
        var lowExponent = Int(floor(Foundation.log10(fixedLow ?? values.min() ?? 1)))
        var highExponent = Int(ceil(Foundation.log10(fixedHigh ?? values.max() ?? 10)))
        if highExponent <= lowExponent {
            if fixedHigh == nil { highExponent = lowExponent + 1 } else { lowExponent = highExponent - 1 }
        }
        // Every decade labeled up to about `targetTicks` of them, then every second, third…
        // decade, counted from 10⁰; a fitted end moves out to a labeled decade.
        let stride = max(1, Int((Double(highExponent - lowExponent) / Double(max(1, targetTicks - 1))).rounded(.up)))
        if fixedLow == nil { lowExponent = Int((Double(lowExponent) / Double(stride)).rounded(.down)) * stride }
        if fixedHigh == nil { highExponent = Int((Double(highExponent) / Double(stride)).rounded(.up)) * stride }
        let lower = fixedLow ?? pow(10, Double(lowExponent))
        let upper = fixedHigh ?? pow(10, Double(highExponent))
        let decades = highExponent - lowExponent
        let exponents = Swift.stride(from: lowExponent, through: highExponent, by: 1).filter { $0 % stride == 0 }
        let ticks = exponents.map { pow(10, Double($0)) }.filter { $0 >= lower * (1 - 1e-9) && $0 <= upper * (1 + 1e-9) }
        let labels = ticks.map { value in
            tickLabel?(value) ?? Self.powerOfTen(Int(Foundation.log10(value).rounded()),
                                                 plain: lowExponent >= -3 && highExponent <= 4)
        }
        var minorTicks: [Double] = []
        if decades > 4 {
            // Too many decades for 2…9 lines: the decades left unlabeled get a line.
            minorTicks = Swift.stride(from: lowExponent, through: highExponent, by: 1)
                .filter { $0 % stride != 0 }.map { pow(10, Double($0)) }
        } else {
            for exponent in lowExponent..<highExponent {
                for multiple in 2...9 {
                    let value = Double(multiple) * pow(10, Double(exponent))
                    if value > lower, value < upper { minorTicks.append(value) }
                }
            }
        }
        return ResolvedAxis(scale: .log10, lower: lower, upper: upper, ticks: ticks, labels: labels, minorTicks: minorTicks)
    }

    /// 10ⁿ written plainly (`0.001`, `1`, `1000`) for a few decades around 1, else with a
    /// superscript exponent (`10⁻⁶`).
    static func powerOfTen(_ exponent: Int, plain: Bool) -> String {
        if plain {
            return exponent >= 0 ? "1" + String(repeating: "0", count: exponent)
                : "0." + String(repeating: "0", count: -exponent - 1) + "1"
        }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}
