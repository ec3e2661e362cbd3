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

    /// Numbers a chart cannot scale to: ±1e308 (the span overflows), 1e-320 on a log axis
    /// (below the smallest normal Double) crashed the tick arithmetic. Such points are
    /// left out as nan is, the others drawn; a file with no point left is refused.
    func testPointsBeyondWhatAnAxisFitsAreLeftOutWithoutACrash() throws {
        let directory = try makeTemporaryDirectory()
        let svg = directory.appendingPathComponent("c.svg")
        let cases: [(points: String, flags: [String], drawn: Bool)] = [
            ("a\t1\t1e308\na\t2\t3\na\t3\t4\n", [], true),
            ("a\t1e308\t1\na\t-1e308\t2\na\t3\t4\na\t4\t5\n", [], true),
            ("a\t1\t1e-320\na\t2\t1e-300\na\t3\t0.5\n", ["--log-y"], true),
            ("a\t1\t1e308\na\t2\t-1e308\n", [], false),
            ("a\t1\tnan\na\t2\tinf\n", [], false),
            ("a\t1\t0\na\t2\t-3\n", ["--log-y"], false),
        ]
        for (points, flags, drawn) in cases {
            let data = directory.appendingPathComponent("points.tsv")
            try ("series\tx\ty\n" + points).write(to: data, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(at: svg)
            let result = try run(["chart", data.path, "-o", svg.path] + flags)
            if drawn {
                XCTAssertEqual(result.status, 0, "\(points): \(result.stderr)")
                let text = try String(contentsOf: svg, encoding: .utf8)
                XCTAssertTrue(text.contains("<path") && !text.contains("nan") && !text.contains("inf"), points)
            } else {
                XCTAssertEqual(result.status, 2, points)
                XCTAssertTrue(result.stderr.hasPrefix("sentiment: \(data.path): no point to draw"), "\(points): \(result.stderr)")
                XCTAssertFalse(FileManager.default.fileExists(atPath: svg.path), points)
            }
        }
    }

    /// Points left out are counted on standard error, so that a line stopping short (a
    /// diverged run's loss) is not taken for the end of the data; a chart that draws every
    /// point says nothing.
    func testPointsLeftOutAreCountedInAWarning() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv")
        let svg = directory.appendingPathComponent("c.svg").path
        try "series\tx\ty\nloss\t1\t1.1\nloss\t2\t40\nloss\t3\t1e308\nloss\t4\tinf\n"
            .write(to: data, atomically: true, encoding: .utf8)
        let logY = try run(["chart", data.path, "-o", svg, "--log-y"])
        XCTAssertEqual(logY.status, 0, logY.stderr)
        XCTAssertEqual(logY.stderr, "sentiment: warning: \(data.path): 2 of 4 points left out (x and y must be finite "
            + "numbers within ±1e300, y at least 1e-300 with --log-y)\n")
        try "series\tx\ty\nloss\t1\t1.1\nloss\t2\t40\n".write(to: data, atomically: true, encoding: .utf8)
        let all = try run(["chart", data.path, "-o", svg])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stderr, "")
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

    /// -o naming the points file, by its own name or through a link, is refused before
    /// anything is written, as every other command refuses to overwrite an input.
    func testTheOutputMayNotBeTheInputEvenThroughALink() throws {
        let directory = try makeTemporaryDirectory()
        let original = "series\tx\ty\na\t1\t2\na\t2\t3\n"
        for name in ["points.tsv", "points.svg", "points"] {
            let data = directory.appendingPathComponent(name)
            try original.write(to: data, atomically: true, encoding: .utf8)
            let same = try run(["chart", data.path, "-o", data.path])
            XCTAssertEqual(same.status, 2, name)
            XCTAssertEqual(same.stderr, "sentiment: \(data.path): is also an input; write the output to another file\n")
            XCTAssertEqual(try String(contentsOf: data, encoding: .utf8), original)
            let link = directory.appendingPathComponent("link-to-\(name).svg")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: data)
            let linked = try run(["chart", data.path, "-o", link.path])
            XCTAssertEqual(linked.status, 2, name)
            XCTAssertEqual(linked.stderr, "sentiment: \(link.path): is also an input (\(data.path)); write the output to another file\n")
            XCTAssertEqual(try String(contentsOf: data, encoding: .utf8), original)
        }
    }

    /// Windows line ends are read as every corpus reader reads them.
    func testCRLFLinesAreRead() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv"), svg = directory.appendingPathComponent("c.svg")
        try "series\tx\ty\r\na\t1\t2\r\na\t2\t3\r\nb\t1\t4\tb\tdashed\r\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["chart", data.path, "-o", svg.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: svg, encoding: .utf8)
        XCTAssertTrue(text.contains(">a<") && text.contains(">b<"), "both series in the legend")
        XCTAssertTrue(text.contains("stroke-dasharray"), "the stroke column is read without its \\r")
    }

    /// UTF-16 and binary files get the corpus readers' message, naming the file.
    func testUTF16AndBinaryFilesAreNamedAsSuch() throws {
        let directory = try makeTemporaryDirectory()
        let utf16 = directory.appendingPathComponent("points16.tsv"), binary = directory.appendingPathComponent("points.bin")
        try "series\tx\ty\na\t1\t2\n".write(to: utf16, atomically: true, encoding: .utf16)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: binary)
        let svg = directory.appendingPathComponent("c.svg")
        let wide = try run(["chart", utf16.path, "-o", svg.path])
        XCTAssertEqual(wide.status, 2)
        XCTAssertEqual(wide.stderr, "sentiment: \(utf16.path): UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)\n")
        let bytes = try run(["chart", binary.path, "-o", svg.path])
        XCTAssertEqual(bytes.status, 2)
        XCTAssertEqual(bytes.stderr, "sentiment: \(binary.path): binary file (NUL bytes); expected UTF-8 text\n")
        let missing = directory.appendingPathComponent("none.tsv")
        let absent = try run(["chart", missing.path, "-o", svg.path])
        XCTAssertEqual(absent.status, 2)
        XCTAssertEqual(absent.stderr, "sentiment: \(missing.path): cannot read (No such file or directory)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: svg.path))
    }

    /// Control characters in a title or a label would make the SVG unparsable XML.
    func testControlCharactersInTextsLeaveTheSVGWellFormed() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("points.tsv"), svg = directory.appendingPathComponent("c.svg")
        try "series\tx\ty\nbell\u{7}\t1\t2\nbell\u{7}\t2\t3\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try run(["chart", data.path, "-o", svg.path, "--title", "a\u{1}b\u{FFFF}", "--x-label", "x\u{1B}[0m"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: svg, encoding: .utf8)
        let forbidden = text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && ![0x9, 0xA, 0xD].contains(scalar.value)) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
        XCTAssertEqual(forbidden.map(\.value), [], "characters XML 1.0 forbids")
        XCTAssertTrue(text.contains("a\u{FFFD}b\u{FFFD}"), "replaced, not silently merged")
        XCTAssertNoThrow(try SVGElements(parsing: text), "the SVG parses as XML")
    }
}
