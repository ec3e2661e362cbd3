import XCTest
@testable import Vocabulary

final class VocabularyBuilderTests: XCTestCase {
    private func builder(_ texts: [String]) -> VocabularyBuilder {
        var builder = VocabularyBuilder()
        for text in texts { builder.add(text.split(separator: " ").map(String.init)) }
        return builder
    }

    func testReservedIdsThenCountDescendingThenBytes() {
        let vocabulary = builder(["b a c a", "c a b d", "é e"]).build()
        XCTAssertEqual(vocabulary.tokens, ["<pad>", "<unk>", "a", "b", "c", "d", "e", "é"])
        XCTAssertEqual(vocabulary.counts, [0, 0, 3, 2, 2, 1, 1, 1])
        XCTAssertEqual(vocabulary.id(of: "<pad>"), Vocabulary.paddingID)
        XCTAssertEqual(vocabulary.id(of: "<unk>"), Vocabulary.unknownID)
        XCTAssertEqual(vocabulary.id(of: "c"), 4)
        XCTAssertEqual(vocabulary.id(of: "never seen"), 1)
        XCTAssertEqual(vocabulary.count, 8)
    }

    func testTiesGoByUTF8BytesNotLocale() {
        let vocabulary = builder(["b B a A é z Z 10 9 !"]).build()
        XCTAssertEqual(Array(vocabulary.tokens.dropFirst(2)), ["!", "10", "9", "A", "B", "Z", "a", "b", "z", "é"])
    }

    func testMinCountPrunesAndUnknownCountsWhatWasPruned() {
        let vocabulary = builder(["a a a b b c d"]).build(minCount: 2)
        XCTAssertEqual(vocabulary.tokens, ["<pad>", "<unk>", "a", "b"])
        XCTAssertEqual(vocabulary.counts, [0, 2, 3, 2])
        XCTAssertEqual(vocabulary.id(of: "c"), Vocabulary.unknownID)
    }

    func testMaxSizeCountsTheReservedIds() {
        let counted = builder(["a a a b b c d"])
        XCTAssertEqual(counted.build(maxSize: 4).tokens, ["<pad>", "<unk>", "a", "b"])
        XCTAssertEqual(counted.build(maxSize: 4).counts, [0, 2, 3, 2])
        XCTAssertEqual(counted.build(maxSize: 0).tokens, ["<pad>", "<unk>"])
        XCTAssertEqual(counted.build(maxSize: 0).counts, [0, 7])
        XCTAssertEqual(counted.build(minCount: 0, maxSize: 100).count, 6)
        XCTAssertEqual(counted.build(minCount: 2, maxSize: 3).tokens, ["<pad>", "<unk>", "a"])
    }

    func testReservedAndEmptyTokensAreNotCounted() {
        var counted = VocabularyBuilder()
        counted.add(["<pad>", "<unk>", "", "<unk", "x"])
        XCTAssertEqual(counted.build().tokens, ["<pad>", "<unk>", "<unk", "x"])
        XCTAssertEqual(counted.totalTokenCount, 2)
        XCTAssertEqual(counted.distinctTokenCount, 2)
    }

    func testOrderOfInputDoesNotMatter() throws {
        let texts = (0..<200).map { index in (0..<(index % 7 + 1)).map { "w\(($0 * 31 + index) % 53)" }.joined(separator: " ") }
        let forward = try builder(texts).build(minCount: 2).fileContents()
        let backward = try builder(texts.reversed()).build(minCount: 2).fileContents()
        XCTAssertEqual(forward, backward)
    }

    func testManyDistinctTokensSurviveTableGrowth() {
        var counted = VocabularyBuilder()
        for index in 0..<5000 { counted.add(Array(repeating: "t\(index)", count: index % 3 + 1)) }
        let vocabulary = counted.build()
        XCTAssertEqual(vocabulary.count, 5002)
        let tokens = vocabulary.tokens  // decoded once: `tokens` makes the whole list on each use
        XCTAssertEqual(tokens[2], "t1001")  // count 3 (t2, t5, …), and "t1001" < "t101" < "t104" by bytes
        for index in stride(from: 0, to: 5000, by: 97) {
            let id = vocabulary.id(of: "t\(index)")
            XCTAssertEqual(tokens[Int(id)], "t\(index)")
            XCTAssertEqual(vocabulary.counts[Int(id)], index % 3 + 1)
        }
    }
}
