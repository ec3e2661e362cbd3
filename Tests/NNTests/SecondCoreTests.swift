import XCTest
import Dispatch
@testable import NN

/// `runConcurrently` hands its second closure to `SecondCore`'s thread. Every call must
/// run both closures exactly once and return only after both finished, whether that
/// thread was polling, asleep, busy with a nested call, or claimed by another caller.
final class SecondCoreTests: XCTestCase {
    func testEveryCallRunsBothHalvesOnceAndWaitsForThem() {
        var first = [Int](repeating: 0, count: 20_000), second = first
        first.withUnsafeMutableBufferPointer { a in
            second.withUnsafeMutableBufferPointer { b in
                for call in 0..<a.count {
                    runConcurrently({ a[call] += 1 }, { b[call] += call })
                    // Written by the other thread: visible once the call has returned.
                    XCTAssertEqual(b[call], call)
                }
            }
        }
        XCTAssertEqual(first, [Int](repeating: 1, count: 20_000))
    }

    func testACallAfterTheThreadWentToSleepIsRunToo() {
        // Longer pauses than the thread polls for, so each call has to wake it.
        for round in 0..<20 {
            usleep(2_000)
            var ran = (false, false)
            runConcurrently({ ran.0 = true }, { ran.1 = true })
            XCTAssertTrue(ran.0 && ran.1, "round \(round)")
        }
    }

    func testNestedCallsRunSeriallyInsteadOfWaitingForThemselves() {
        var inner = [Int](repeating: 0, count: 4)
        inner.withUnsafeMutableBufferPointer { slots in
            runConcurrently({
                runConcurrently({ slots[0] += 1 }, { slots[1] += 1 })
            }, {
                runConcurrently({ slots[2] += 1 }, { slots[3] += 1 })
            })
        }
        XCTAssertEqual(inner, [1, 1, 1, 1])
    }

    func testCallersOnSeveralThreadsAtOnceAllFinish() {
        let callers = 4, calls = 2_000
        var counts = [Int](repeating: 0, count: callers * 2)
        counts.withUnsafeMutableBufferPointer { counts in
            DispatchQueue.concurrentPerform(iterations: callers) { caller in
                for _ in 0..<calls {
                    runConcurrently({ counts[2 * caller] += 1 }, { counts[2 * caller + 1] += 1 })
                }
            }
        }
        XCTAssertEqual(counts, [Int](repeating: calls, count: callers * 2))
    }
}
