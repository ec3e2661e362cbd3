import XCTest
@testable import Corpus

final class StratifiedSplitTests: XCTestCase {
    private func rows(_ counts: [String: Int]) -> [LabeledText] {
        var rows: [LabeledText] = []
        for (label, count) in counts.sorted(by: { $0.key < $1.key }) {
            for index in 0..<count {
                rows.append(LabeledText(text: "\(label) \(index)", label: label, file: "f", line: rows.count + 1))
            }
        }
        return rows
    }

    func testEachLabelKeepsItsShare() {
        let data = rows(["a": 100, "b": 30, "c": 7, "d": 1])
        let (train, held) = stratifiedSplit(data, fraction: 0.2, seed: 42)
        func count(_ part: [LabeledText], _ label: String) -> Int { part.filter { $0.label == label }.count }
        XCTAssertEqual([count(held, "a"), count(held, "b"), count(held, "c"), count(held, "d")], [20, 6, 1, 0])
        XCTAssertEqual([count(train, "a"), count(train, "b"), count(train, "c"), count(train, "d")], [80, 24, 6, 1])
        XCTAssertEqual(Set((train + held).map(\.text)).count, data.count)
    }

    func testPartsKeepOriginalOrder() {
        let (train, held) = stratifiedSplit(rows(["a": 50, "b": 50]), fraction: 0.3, seed: 1)
        XCTAssertEqual(train.map(\.line), train.map(\.line).sorted())
        XCTAssertEqual(held.map(\.line), held.map(\.line).sorted())
    }

    func testSameSeedSameSplitOtherSeedOtherSplit() {
        let data = rows(["a": 40, "b": 60])
        let first = stratifiedSplit(data, fraction: 0.25, seed: 7)
        let again = stratifiedSplit(data, fraction: 0.25, seed: 7)
        let other = stratifiedSplit(data, fraction: 0.25, seed: 8)
        XCTAssertEqual(first.held, again.held)
        XCTAssertEqual(first.train, again.train)
        XCTAssertNotEqual(first.held.map(\.line), other.held.map(\.line))
    }

    func testSplitIsPinnedAcrossPlatforms() {
        // SplitMix64 fixes the draws: this exact held-out set must never change.
        let (_, held) = stratifiedSplit(rows(["a": 10, "b": 10]), fraction: 0.2, seed: 2024)
        XCTAssertEqual(held.map(\.text), pinnedHeld)
    }

    private let pinnedHeld = ["a 1", "a 6", "b 0", "b 2"]

    func testEdgeFractions() {
        let data = rows(["a": 3, "b": 2])
        XCTAssertEqual(stratifiedSplit(data, fraction: 0, seed: 1).held.count, 0)
        XCTAssertEqual(stratifiedSplit(data, fraction: 1, seed: 1).held.count, 5)
        XCTAssertEqual(stratifiedSplit(data, fraction: 0.01, seed: 1).held.count, 2)
        XCTAssertEqual(stratifiedSplit(data, fraction: -3, seed: 1).held.count, 0)
    }

    func testSplitMix64KnownValues() {
        // Reference outputs of SplitMix64 seeded with 0.
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
    }
}
