import Foundation
import XCTest

/// `train --report FILE.svg|FILE.html`: the training curves as a self-contained picture.
final class TrainingReportTests: CLITestCase {
    func testTheReportIsWellFormedSVGWithOnePathPerSeriesTheBestEpochAndALegend() throws {
        let directory = try makeTemporaryDirectory()
        let report = directory.appendingPathComponent("report.svg")
        let (model, _, result) = try trainTinyModel(extra: ["--no-cache", "--report", report.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("report: \(report.path)\n"), result.stderr)
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), text)
        XCTAssertFalse(text.contains("href") || text.contains("<script") || text.contains("@import"), "self-contained")
        let svg = try SVGElements(parsing: text)
        XCTAssertEqual(svg.elements.first?.name, "svg")

        // 300 rows in batches of 16: 19 batches an epoch, a point each.
        let names = ["train loss, each batch", "train loss, epoch mean", "dev loss", "dev macro-F1"]
        let paths = svg.elements.filter { $0.name == "path" && $0.attributes["class"] == "series" }
        XCTAssertEqual(paths.map(\.text), names, "one path per series, named by its <title>")
        XCTAssertEqual(svg.texts(ofClass: "legend"), names)
        XCTAssertTrue(paths.allSatisfy { ($0.attributes["d"] ?? "").hasPrefix("M") })

        // The best epoch, as train reports it, marked in both panels.
        let saved = try XCTUnwrap(result.stderr.range(of: #"saved .* \(epoch (\d+), dev accuracy [0-9.]+%, macro-F1 ([0-9.]+)%"#,
                                                      options: .regularExpression).map { String(result.stderr[$0]) })
        let best = try XCTUnwrap(saved.split(separator: "(").last?.split(separator: ",").first?.split(separator: " ").last)
        let macroF1 = try XCTUnwrap(saved.split(separator: " ").last)
        XCTAssertEqual(svg.elements.filter { $0.attributes["class"] == "marker" }.count, 2)
        XCTAssertEqual(svg.texts(ofClass: "marker-label"), ["best epoch \(best)", "best epoch \(best): \(macroF1)"])
        XCTAssertTrue(svg.allText.contains("cross-entropy (nats)") && svg.allText.contains("dev macro-F1 (%)"))
        XCTAssertTrue(svg.allText.contains("Training report: \(model.lastPathComponent)"))
    }

    /// A resumed run's picture, rewritten after each of its epochs, keeps the interrupted
    /// run's epochs: its first rewrite used to draw the new epochs alone, which is what a
    /// run killed then left.
    func testAResumedRunsReportKeepsTheEarlierEpochs() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 400, seed: 7)
        let report = directory.appendingPathComponent("report.svg")
        let arguments = ["train", "--train", train.path, "-o", directory.appendingPathComponent("m.safetensors").path,
                         "--epochs", "200", "--patience", "200", "--hidden", "8", "--embedding-dim", "8", "--no-cache",
                         "--report", report.path]
        func devLossPoints() throws -> Int {
            let svg = try SVGElements(parsing: try String(contentsOf: report, encoding: .utf8))
            let path = try XCTUnwrap(svg.elements.first { $0.name == "path" && $0.text == "dev loss" })
            return (path.attributes["d"] ?? "").filter { $0 == "M" || $0 == "L" }.count
        }
        let first = try launch(arguments, waitingForStderr: "epoch 2/200")
        let stopped = first.stop(with: SIGINT)
        XCTAssertEqual(first.process.terminationStatus, 130, stopped)
        let done = try devLossPoints()
        XCTAssertGreaterThanOrEqual(done, 2)
        // Killed once the picture of its first epoch is written (the next epoch's line
        // comes after that write), with no chance of a final write.
        let resumed = try launch(arguments + ["--resume"], waitingForStderr: "epoch \(done + 2)/200")
        _ = resumed.stop(with: SIGKILL)
        XCTAssertGreaterThanOrEqual(try devLossPoints(), done + 1)
    }

    func testAnHTMLReportWrapsTheSameKindOfPicture() throws {
        let directory = try makeTemporaryDirectory()
        let report = directory.appendingPathComponent("report.html")
        let (_, _, result) = try trainTinyModel(extra: ["--no-cache", "--report", report.path, "--metric", "accuracy"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), page)
        XCTAssertTrue(page.hasSuffix("</body>\n</html>\n"), page)
        XCTAssertFalse(page.contains("href") || page.contains("<script") || page.contains("src="), "self-contained")
        let start = try XCTUnwrap(page.range(of: "<svg ")), end = try XCTUnwrap(page.range(of: "</svg>"))
        let svg = try SVGElements(parsing: String(page[start.lowerBound..<end.upperBound]))
        XCTAssertEqual(svg.texts(ofClass: "legend").last, "dev accuracy", "the metric train selects on")
        XCTAssertEqual(svg.elements.filter { $0.name == "path" && $0.attributes["class"] == "series" }.count, 4)
    }

    func testTheReportPathIsCheckedBeforeTraining() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 40, seed: 1)
        let corpus = try Data(contentsOf: train)
        let model = directory.appendingPathComponent("m.safetensors").path
        let missing = directory.appendingPathComponent("nowhere/report.svg").path
        let png = directory.appendingPathComponent("report.png").path
        for (report, message) in [
            (missing, "\(missing): cannot write: no such folder \(directory.path)/nowhere"),
            (directory.path, "\(directory.path): is a folder; give a file name to write to"),
            (train.path, "\(train.path): is also an input; write the output to another file"),
            (model, "\(model): is also where the model goes (-o); write the report to another file"),
            ("", "the output path is empty; give a file name"),
            (png, "--report \(png): pictures are written as .svg or .html, not .png "
                + "(rsvg-convert, for one, turns the SVG into PNG or PDF)"),
        ] {
            let result = try run(["train", "--train", train.path, "-o", model, "--epochs", "1", "--hidden", "4",
                                  "--embedding-dim", "4", "--no-cache", "--report", report])
            XCTAssertEqual(result.status, 2, report)
            XCTAssertEqual(result.stderr, "sentiment: \(message)\n", "nothing read or trained before the check")
            XCTAssertFalse(FileManager.default.fileExists(atPath: model))
        }
        XCTAssertEqual(try Data(contentsOf: train), corpus)
    }

    /// The picture is rewritten after every epoch (so it can be watched), each time by
    /// replacing the file whole, and once more when Ctrl-C ends the run.
    func testTheReportIsReplacedAfterEachEpochAndWhenInterrupted() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 400, seed: 7)
        let model = directory.appendingPathComponent("m.safetensors"), report = directory.appendingPathComponent("curves.svg")
        try "an older picture\n".write(to: report, atomically: false, encoding: .utf8)
        let before = try inode(report)
        let training = try launch(["train", "--train", train.path, "-o", model.path, "--epochs", "200", "--patience", "200",
                                   "--hidden", "8", "--embedding-dim", "8", "--no-cache", "--report", report.path],
                                  waitingForStderr: "epoch 2/200")
        // The first epoch's picture is written before the second epoch's line is printed.
        let during = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(during.contains("· epoch "), String(during.prefix(600)))
        XCTAssertTrue(during.hasSuffix("</svg>\n"), "whole, never half written")
        XCTAssertNoThrow(try SVGElements(parsing: during))
        XCTAssertNotEqual(try inode(report), before, "replaced by a rename, not rewritten in place")

        let text = training.stop(with: SIGINT)
        XCTAssertEqual(training.process.terminationStatus, 130, text)
        XCTAssertTrue(text.contains("report: \(report.path)\n"), text)
        let final = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(final.contains("· interrupted after "), String(final.prefix(600)))
        XCTAssertNoThrow(try SVGElements(parsing: final))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file left")
    }

    private func inode(_ url: URL) throws -> UInt64 {
        try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value)
    }
}
