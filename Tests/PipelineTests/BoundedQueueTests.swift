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

    /// What `take` and `takeBatch` hand out is no longer held by the queue: before, taken
    /// elements stayed in its array until 1,024 had piled up, so `classify` kept up to
    /// 1,024 chunks of 512 texts alive and grew by megabytes a second on a large file.
    func testTakenElementsAreReleasedAtOnce() {
        final class Chunk {}
        let queue = BoundedQueue<Chunk>(capacity: 2)
        for _ in 0..<3 {
            weak var held: Chunk?
            do {
                let chunk = Chunk()
                held = chunk
                queue.put(chunk)
                XCTAssertNotNil(queue.take())
            }
            XCTAssertNil(held, "a taken element outlives its taker")
        }
        weak var batched: Chunk?
        do {
            let first = Chunk(), second = Chunk()
            batched = first
            queue.put(first)
            queue.put(second)
            XCTAssertEqual(queue.takeBatch(limit: 1, burstWait: 0).count, 1)
        }
        XCTAssertNil(batched, "an element taken in a batch outlives the batch")
        XCTAssertNotNil(queue.take(), "the element still waiting was dropped")
    }
}
