import Foundation
import XCTest
@testable import sentiment

/// The SVG line-chart writer (`LineChart`, `ChartFigure`) that `train --report` draws with.
final class LineChartTests: XCTestCase {
    func testLogTicksArePowersOfTenSpanningTheData() {
        let axis = ChartAxis(title: "gradient norm", scale: .log10).resolved(values: [3e-7, 0.004, 12, 250], targetTicks: 6)
        // Ten decades and about six ticks: every second decade, the ends moved out to one.
        XCTAssertEqual(axis.lower, 1e-8)
        XCTAssertEqual(axis.upper, 1e4)
        XCTAssertFalse(axis.ticks.isEmpty)
        for tick in axis.ticks {
            let exponent = log10(tick)
            XCTAssertEqual(exponent, exponent.rounded(), accuracy: 1e-12, "\(tick) is a power of ten")
        }
        XCTAssertEqual(axis.labels, ["10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰", "10²", "10⁴"])
        XCTAssertEqual(axis.minorTicks, [1e-7, 1e-5, 1e-3, 1e-1, 1e1, 1e3], "the other decades, unlabeled")
        XCTAssertEqual(axis.fraction(of: 1e-2)!, 0.5, accuracy: 1e-12, "decades equally spaced")
        XCTAssertNil(axis.fraction(of: 0), "no place for 0 on a log axis")
        XCTAssertNil(axis.fraction(of: -1))
    }

    func testAFewDecadesAreWrittenPlainlyWithMinorLines() {
        let axis = ChartAxis(title: "loss", scale: .log10).resolved(values: [0.02, 0, 50], targetTicks: 6)
        XCTAssertEqual(axis.ticks, [0.01, 0.1, 1, 10, 100])
        XCTAssertEqual(axis.labels, ["0.01", "0.1", "1", "10", "100"])
        XCTAssertEqual(axis.minorTicks.count, 4 * 8, "2…9 in each of four decades")
    }

    func testLinearTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        for (values, target) in [([0.13, 1.37], 6), ([-3.0, 17.2], 6), ([0.0012, 0.0049], 5), ([120.0, 4_380.0], 8)] {
            let axis = ChartAxis(title: "y").resolved(values: values, targetTicks: target)
            let step = axis.ticks[1] - axis.ticks[0]
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "\(values): step \(step)")
            for (a, b) in zip(axis.ticks, axis.ticks.dropFirst()) { XCTAssertEqual(b - a, step, accuracy: step * 1e-9) }
            XCTAssertLessThanOrEqual(axis.lower, values.min()!)
            XCTAssertGreaterThanOrEqual(axis.upper, values.max()!)
            XCTAssertEqual(axis.ticks.first!, axis.lower, accuracy: step * 1e-9, "the axis ends on a tick")
            XCTAssertLessThanOrEqual(axis.ticks.count, target + 2, "\(values): \(axis.labels)")
        }
        let unit = ChartAxis(title: "y").resolved(values: [0, 1.2], targetTicks: 7)
        XCTAssertEqual(unit.labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"], "0.2 × 3 is written 0.6")
        let epochs = ChartAxis(title: "epoch", minimum: 0, maximum: 3, integerTicks: true).resolved(values: [], targetTicks: 8)
        XCTAssertEqual(epochs.labels, ["0", "1", "2", "3"], "whole epochs only")
    }

    func testOverlaidRunsGiveOnePathEachALegendAndMarkers() throws {
        let figure = ChartFigure(title: "Gradient norm by cell <test>", subtitle: "synthetic", panels: [Self.logChart])
        let svg = try SVGElements(parsing: figure.svg())
        let paths = svg.elements.filter { $0.name == "path" && $0.attributes["class"] == "series" }
        XCTAssertEqual(paths.map(\.text), ["lstm", "gru", "rnn (diverges)"])
        XCTAssertEqual(svg.texts(ofClass: "legend"), ["lstm", "gru", "rnn (diverges)"])
        XCTAssertEqual(svg.texts(ofClass: "marker-label"), ["lr halved"])
        XCTAssertTrue(svg.allText.contains("Gradient norm by cell <test>"), "escaped and read back")
        // The rnn's zero and infinity leave gaps: one path, three pieces.
        XCTAssertEqual(paths[2].attributes["d"]?.filter { $0 == "M" }.count, 3)
        XCTAssertEqual(Set(paths.compactMap { $0.attributes["stroke"] }).count, 3, "a color each")

        // Set CHART_SAMPLES to a folder to keep the picture and look at it (rsvg-convert).
        if let folder = ProcessInfo.processInfo.environment["CHART_SAMPLES"] {
            try figure.svg().write(toFile: folder + "/log-chart.svg", atomically: true, encoding: .utf8)
        }
    }

    /// Three made-up runs over six orders of magnitude, as a gradient-norm chart will be.
    static var logChart: LineChart {
        let steps = Array(stride(from: 1.0, through: 400, by: 3))
        let lstm = steps.map { (x: $0, y: 2.0 * exp(-$0 / 150)) }
        let gru = steps.map { (x: $0, y: 0.5 * exp(-$0 / 60)) }
        var rnn = steps.map { (x: $0, y: 1e-5 * exp($0 / 40)) }
        rnn[40].y = 0
        rnn[90].y = .infinity
        return LineChart(
            title: "Global gradient norm before clipping",
            xAxis: ChartAxis(title: "training step", minimum: 0, integerTicks: true),
            yAxis: ChartAxis(title: "gradient norm (log scale)", scale: .log10),
            series: [ChartSeries(name: "lstm", points: lstm), ChartSeries(name: "gru", points: gru, stroke: .dashed),
                     ChartSeries(name: "rnn (diverges)", points: rnn, stroke: .dotted)],
            markers: [ChartMarker(x: 200, label: "lr halved")])
    }
}
