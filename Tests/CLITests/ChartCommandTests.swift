import Foundation
import XCTest

/// `sentiment chart`: a line chart from a TSV of points.
final class ChartCommandTests: CLITestCase {
    func testDrawsOnePathPerSeriesWithSharedGroupColorsAndALogAxis() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv"), svg = directory.appendingPathComponent("chart.svg")
        try """
            series\tx\ty\tgroup\tstroke
            gru trained\t0\t0.5\tgru\tsolid
            gru trained\t1\t0.05\tgru\tsolid
            gru untrained\t0\t0.4\tgru\tdashed
            gru untrained\t1\t0.0004\tgru\tdashed
            rnn trained\t0\t0.3\trnn\tsolid
            rnn trained\t1\t0.000003\trnn\tsolid

            """.write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["chart", data.path, "-o", svg.path, "--log-y", "--title", "Gradients",
                              "--x-label", "distance (steps)", "--y-label", "norm"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: svg, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("<svg"), String(text.prefix(80)))
        for label in ["Gradients", "distance (steps)", "gru trained", "gru untrained", "rnn trained"] {
            XCTAssertTrue(text.contains(label), "missing \(label)")
        }
        // Log ticks at powers of ten; the two gru series share the first palette color.
        XCTAssertTrue(text.contains("10<tspan") || text.contains("10⁻") || text.contains("0.01"), "log-axis tick labels")
        let blue = text.components(separatedBy: "#1f77b4").count - 1
        XCTAssertGreaterThanOrEqual(blue, 2, "both gru series drawn in the group's color")
        XCTAssertTrue(text.contains("#ff7f0e"), "rnn gets the next color")
    }

    /// A picture is SVG, or SVG in a page for .html; a name promising another format is
    /// refused before anything is read or written (a .png used to get SVG text).
    func testAPictureNameWithAnExtensionWeDoNotWriteIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv")
        try "series\tx\ty\na\t1\t2\na\t2\t3\n".write(to: data, atomically: true, encoding: .utf8)
        let png = directory.appendingPathComponent("c.png")
        let refused = try run(["chart", data.path, "-o", png.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "sentiment: -o \(png.path): pictures are written as .svg or .html, not .png "
            + "(rsvg-convert, for one, turns the SVG into PNG or PDF)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: png.path))
        let html = directory.appendingPathComponent("c.HTML")
        let page = try run(["chart", data.path, "-o", html.path])
        XCTAssertEqual(page.status, 0, page.stderr)
        let text = try String(contentsOf: html, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("<!DOCTYPE html>") && text.contains("<svg"), String(text.prefix(80)))
    }

    func testABadRowIsOneLineNamingTheFileAndLine() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv")
        try "series\tx\ty\na\t1\tnot-a-number\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["chart", data.path, "-o", directory.appendingPathComponent("c.svg").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(data.path):2: expected series<TAB>x<TAB>y with numbers\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.svg").path))
    }
}
