import Foundation
import XCTest
@testable import Corpus

/// Checks the corpora the repository ships: readable, balanced, no sentence twice.
final class ShippedCorporaTests: XCTestCase {
    private let corpora = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora")

    func testDemoSplitsAreBalancedAndDisjoint() throws {
        let labels = ["negative", "neutral", "positive"]
        var seen: [String: String] = [:]
        var sizes: [String: [Int]] = [:]
        for split in ["train", "dev", "test", "hard"] {
            let rows = try CorpusReader(path: corpora.appendingPathComponent("demo/\(split).tsv").path).readAll()
            XCTAssertEqual(LabelSet(inferringFrom: rows.map(\.label)).names, labels)
            sizes[split] = labels.map { label in rows.filter { $0.label == label }.count }
            for row in rows {
                if let other = seen[row.text] { XCTFail("\(split):\(row.line) repeats a sentence from \(other)") }
                seen[row.text] = "\(split):\(row.line)"
            }
        }
        XCTAssertEqual(sizes, ["train": [873, 962, 860], "dev": [46, 60, 46], "test": [47, 60, 47],
                               "hard": [25, 25, 25]])
        XCTAssertEqual(seen.count, 3076)
    }

    func testSamplesReadInEveryFormat() throws {
        let samples = corpora.appendingPathComponent("samples")
        for (name, format) in [("reviews.csv", CorpusFormat.csv), ("reviews.jsonl", .jsonl),
                               ("reviews.ft", .fasttext), ("folders", .folders)] {
            let reader = CorpusReader(path: samples.appendingPathComponent(name).path)
            XCTAssertEqual(try reader.resolvedFormat(), format, name)
            let rows = try reader.readAll()
            XCTAssertEqual(rows.count, 4, name)
            XCTAssertEqual(Set(rows.map(\.label)), ["negative", "positive"], name)
        }
        let csv = try CorpusReader(path: samples.appendingPathComponent("reviews.csv").path).readAll()
        XCTAssertEqual(csv[1].text, "The manual says \"easy setup\". It took me three hours.")
        XCTAssertEqual(csv[2].text, "Two lines of praise:\nthe soup was great, and so was the bread.")
        XCTAssertEqual(csv.map(\.line), [2, 3, 4, 6])
    }
}
