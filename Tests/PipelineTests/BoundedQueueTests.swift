import Foundation
import XCTest
@testable import Pipeline

final class BoundedQueueTests: XCTestCase {
    /// A burst of two, then a third element later: with no deadline the batch waits for
    /// it (and for the close) instead of trapping on a date `NSCondition` cannot represent.
    func testABurstWaitBeyondADayHasNoDeadline() {
        for wait in [TimeInterval.infinity, 1e13, 1e297] {
            let queue = BoundedQueue<Int>(capacity: 8)
            queue.put(1)
            queue.put(2)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
                queue.put(3)
                queue.close()
            }
            XCTAssertEqual(queue.takeBatch(limit: 4, burstWait: wait), [1, 2, 3], "burst wait \(wait) s")
        }
    }

    func testAShortBurstWaitReturnsWhatArrivedByItsDeadline() {
        let queue = BoundedQueue<Int>(capacity: 8)
        queue.put(1)
        queue.put(2)
        XCTAssertEqual(queue.takeBatch(limit: 4, burstWait: 0.01), [1, 2])
        queue.close()
        XCTAssertEqual(queue.takeBatch(limit: 4, burstWait: 0.01), [])
    }
}
