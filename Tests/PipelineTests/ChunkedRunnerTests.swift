import Foundation
import XCTest
@testable import Pipeline

final class ChunkedRunnerTests: XCTestCase {
    struct Boom: Error, Equatable { let at: Int }

    func testOutputOrderIsInputOrderAcrossManyChunks() throws {
        var next = 0
        var output: [Int] = []
        try ChunkedRunner().run(
            source: { () -> [Int]? in
                guard next < 1000 else { return nil }
                defer { next += 7 }
                return Array(next..<min(next + 7, 1000))
            },
            front: ClosureStage<Int, Int> { $0.map { $0 * 2 } },
            back: ClosureStage<Int, Int> { $0.map { $0 + 1 } },
            sink: { output.append(contentsOf: $0) })
        XCTAssertEqual(output, (0..<1000).map { $0 * 2 + 1 })
    }

    func testAFrontErrorReachesTheCallerAfterTheChunksBeforeIt() {
        var chunk = 0
        var received: [[Int]] = []
        XCTAssertThrowsError(try ChunkedRunner().run(
            source: { () -> [Int]? in chunk += 1; return [chunk] },
            front: ClosureStage<Int, Int> { items in
                if items == [3] { throw Boom(at: 3) }
                return items
            },
            back: ClosureStage<Int, Int> { $0 },
            sink: { received.append($0) })
        ) { error in
            XCTAssertEqual(error as? Boom, Boom(at: 3))
        }
        XCTAssertEqual(received, [[1], [2]])
    }

    func testASinkErrorStopsTheSourceBeforeReturning() {
        let reads = Counter()
        XCTAssertThrowsError(try ChunkedRunner(depth: 2).run(
            source: { () -> [Int]? in reads.increment(); return [1] },
            front: ClosureStage<Int, Int> { $0 },
            back: ClosureStage<Int, Int> { $0 },
            sink: { _ in throw Boom(at: 0) })
        ) { error in
            XCTAssertEqual(error as? Boom, Boom(at: 0))
        }
        // The front thread was joined: the count no longer moves. At most the chunk
        // sunk, `depth` queued ones and one blocked in `put` were read.
        let settled = reads.value
        Thread.sleep(forTimeInterval: 0.02)
        XCTAssertEqual(reads.value, settled)
        XCTAssertLessThanOrEqual(settled, 4)
    }

}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
