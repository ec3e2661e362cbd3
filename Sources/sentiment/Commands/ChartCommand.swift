import ArgumentParser
import Corpus
import Files
import Foundation
import Pipeline

/// `sentiment chart`: draws a line chart (SVG, or HTML around it) from a TSV of points,
/// with the same chart writer as every other picture the tool makes. scripts/compare-cells.sh
/// draws its curves and the vanishing-gradient chart with it.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a line chart from a TSV of points.",
        discussion: """
            The TSV has a header and the columns series, x, y, and optionally group (series of \
            one group share a color) and stroke (solid, dashed or dotted). Series are drawn in \
            the order they first appear. -o FILE.svg writes SVG; FILE.html wraps it in a page.
            """
    )

    @Argument(help: "TSV of points (series, x, y[, group, stroke]).")
    var data: String

    @Option(name: [.short, .long], help: "The picture to write: .svg, or .html for an HTML page.")
    var output: String

    @Option(help: "Title above the chart.")
    var title = ""

    @Option(name: .customLong("x-label"), help: "X axis title (say the unit).")
    var xLabel = "x"

    @Option(name: .customLong("y-label"), help: "Y axis title (say the unit).")
    var yLabel = "y"

    @Flag(name: .customLong("log-y"), help: "Logarithmic y axis (values ≤ 0 are left out).")
    var logY = false

    func run() throws {
        // Every path is checked before the work: -o must be a picture and not the points
        // file (by another name, or through a link).
        _ = try OutputTarget.checked(output, inputs: [data])
        let picture = try PictureFile(output, option: "-o")
        // Read as every reader reads text: UTF-16 and binary files are named as such, and
        // lines end in \n or \r\n.
        try TextFileCheck.check(path: data)
        let reader = try LineReader(path: data)
        _ = try reader.nextLine()  // the header
        var series: [ChartSeries] = [], index: [String: Int] = [:], groups: [String: String] = [:]
        while let line = try reader.nextLine() {
            guard !line.isEmpty else { continue }
            let number = reader.lineNumber
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let x = Double(fields[1]), let y = Double(fields[2]) else {
                throw UsageError(description: "\(data):\(number): expected series<TAB>x<TAB>y with numbers")
            }
            if index[fields[0]] == nil {
                var new = ChartSeries(name: fields[0], points: [])
                let group = fields.count > 3 ? fields[3] : fields[0]
                if groups[group] == nil {
                    groups[group] = ChartSeries.palette[groups.count % ChartSeries.palette.count]
                }
                new.color = groups[group]
                if fields.count > 4 {
                    switch fields[4] {
                    case "dashed": new.stroke = .dashed
                    case "dotted": new.stroke = .dotted
                    case "solid", "": break
                    default:
                        throw UsageError(description: "\(data):\(number): stroke '\(fields[4])' is not solid, dashed or dotted")
                    }
                }
                index[fields[0]] = series.count
                series.append(new)
            }
            series[index[fields[0]]!].points.append((x, y))
        }
        guard !series.isEmpty else { throw UsageError(description: "\(data): no points") }
        let yScale: ChartAxis.Scale = logY ? .log10 : .linear
        let points = series.flatMap(\.points)
        let drawable = points.filter { ChartAxis.fits($0.x, scale: .linear) && ChartAxis.fits($0.y, scale: yScale) }.count
        let rule = "x and y must be finite numbers within ±1e300\(logY ? ", y at least 1e-300 with --log-y" : "")"
        guard drawable > 0 else { throw UsageError(description: "\(data): no point to draw (\(rule))") }
        if drawable < points.count {
            // A line that stops short says nothing of why: say which points are not drawn.
            StandardError.writeLine("sentiment: warning: \(data): \(points.count - drawable) of \(points.count) points left out (\(rule))")
        }
        for i in series.indices where series[i].points.count <= 40 { series[i].showsDots = true }
        // Epochs and steps: whole-number x values get whole-number ticks.
        let wholeX = series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }
        let chart = LineChart(xAxis: ChartAxis(title: xLabel, integerTicks: wholeX),
                              yAxis: ChartAxis(title: yLabel, scale: yScale), series: series)
        let svg = ChartFigure(title: title, panels: [chart]).svg()
        try picture.write(svg: svg, title: title.isEmpty ? "Chart" : title)
    }
}
