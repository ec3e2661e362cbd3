import XCTest
@testable import NN

final class PackedLayoutTests: XCTestCase {
    func testSortsLongestFirstKeepingBatchOrderOnTies() {
        let layout = PackedLayout(lengths: [3, 7, 1, 5, 7])
        XCTAssertEqual(layout.order, [1, 4, 3, 0, 2])
        XCTAssertEqual(layout.sortedLengths, [7, 7, 5, 3, 1])
        XCTAssertEqual(layout.batchSizes, [5, 4, 4, 3, 3, 2, 2])
        XCTAssertEqual(layout.offsets, [0, 5, 9, 13, 16, 19, 21, 23])
        XCTAssertEqual(layout.tokenCount, 23)
    }

    func testPacksTokensTimeMajorWithoutPadding() {
        let layout = PackedLayout(lengths: [2, 3])
        let padded: [Int32] = [5, 6, 0,
                               7, 8, 9]
        var packed = [Int32](repeating: -1, count: 5)
        packed.withUnsafeMutableBufferPointer {
            layout.packTokens(padded, paddedLength: 3, into: $0.baseAddress!)
        }
        XCTAssertEqual(packed, [7, 5, 8, 6, 9])
    }
}
