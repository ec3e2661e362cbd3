import XCTest
@testable import Model

final class LengthBucketsTests: XCTestCase {
    func testEveryExampleAppearsOnceAndBatchesAreSortedWithinPools() {
        let lengths = (0..<1_000).map { ($0 * 37) % 91 + 1 }
        var generator = SeededTestGenerator(seed: 1)
        let buckets = LengthBuckets(lengths: lengths, batchSize: 32, poolBatches: 10, generator: &generator)
        XCTAssertEqual(buckets.batches.flatMap { $0 }.sorted(), Array(0..<1_000))
        XCTAssertEqual(buckets.batches.count, 32, "3 pools of 320 make 10 batches each; the last 40 make 2")
        for batch in buckets.batches {
            let batchLengths = batch.map { lengths[$0] }
            XCTAssertEqual(batchLengths, batchLengths.sorted(by: >), "longest first")
        }
    }

    func testSortingPoolsCutsPaddingFarBelowAPlainShuffle() {
        let lengths = (0..<2_000).map { ($0 * 7919) % 200 + 1 }
        var first = SeededTestGenerator(seed: 5), second = SeededTestGenerator(seed: 5)
        let sorted = LengthBuckets(lengths: lengths, batchSize: 32, poolBatches: 50, generator: &first)
        let shuffled = LengthBuckets(lengths: lengths, batchSize: 32, poolBatches: 1, generator: &second)
        XCTAssertLessThan(sorted.paddingFraction, 0.05)
        XCTAssertGreaterThan(shuffled.paddingFraction, 0.3)
    }

    func testPaddingFractionOfAKnownBatch() {
        var generator = SeededTestGenerator(seed: 0)
        let buckets = LengthBuckets(lengths: [4, 2, 1, 1], batchSize: 4, generator: &generator)
        // One batch of 4 × 4 slots holding 8 tokens.
        XCTAssertEqual(buckets.paddingFraction, 0.5)
    }

    func testSameSeedSameBatches() {
        let lengths = (0..<300).map { $0 % 17 + 1 }
        var a = SeededTestGenerator(seed: 9), b = SeededTestGenerator(seed: 9)
        XCTAssertEqual(LengthBuckets(lengths: lengths, batchSize: 8, generator: &a).batches,
                       LengthBuckets(lengths: lengths, batchSize: 8, generator: &b).batches)
    }
}
