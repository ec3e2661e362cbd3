@testable import Files
import Foundation
import XCTest

/// The slots behind the signal cleanup (the signals themselves are tested on the binary:
/// OutputPathTests.testASignalMidRunLeavesTheEarlierOutputAndNoTemporaryFile).
final class InterruptCleanupTests: XCTestCase {
    /// An output written again and again (a checkpoint every epoch) keeps one slot, so a
    /// long run never runs out of them; a path still being written gets a slot of its own.
    func testAFinishedPathsSlotIsReusedForTheSamePathOnly() throws {
        let path = "/tmp/.interrupt-cleanup-\(UUID().uuidString).tmp"
        let first = try XCTUnwrap(InterruptCleanup.register(path))
        let other = try XCTUnwrap(InterruptCleanup.register(path + ".other"))
        XCTAssertNotEqual(first, other)
        let whileLive = try XCTUnwrap(InterruptCleanup.register(path))
        XCTAssertNotEqual(whileLive, first, "a live slot is never shared")
        InterruptCleanup.unregister(whileLive)
        InterruptCleanup.unregister(first)
        for _ in 0..<(2 * InterruptCleanup.capacity) {
            let again = try XCTUnwrap(InterruptCleanup.register(path), "slots ran out")
            XCTAssertTrue([first, whileLive].contains(again))
            InterruptCleanup.unregister(again)
        }
        InterruptCleanup.unregister(other)
    }
}
