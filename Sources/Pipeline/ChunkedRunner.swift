import Foundation

/// Streams chunks through two lanes of stages on two threads: while the back lane
/// (the model, the cache writes, the sink) works on chunk n, the front lane (reading,
/// hashing, cache lookups, tokenizing) prepares chunk n+1.
///
/// Memory stays flat: at most `depth` prepared chunks wait between the lanes, and the
/// source is asked for the next chunk only when there is room. Output order is input
/// order: each lane handles chunks in the order they came.
public struct ChunkedRunner: Sendable {
    /// Prepared chunks that may wait for the back lane.
    public var depth: Int

    public init(depth: Int = 2) {
        self.depth = depth
    }

    /// Runs until `source` returns nil.
    /// - Parameters:
    ///   - source: the next chunk of input (called on the front thread); nil at the end.
    ///   - front: the front lane, run on its own thread.
    ///   - back: the back lane, run on the calling thread.
    ///   - sink: receives each chunk's output in order, on the calling thread.
    ///   - cancel: called when the run stops early, before the front thread is joined:
    ///     it must unblock a `source` that waits for input (see `LineBatcher.cancel`).
    /// - Throws: the first error of the source, a lane or the sink; the other thread is
    ///   stopped and joined before this returns, so nothing runs on afterwards.
    public func run<Item, Front: Stage, Back: Stage>(
        source: @escaping () throws -> [Item]?,
        front: Front,
        back: Back,
        sink: ([Back.Output]) throws -> Void,
        cancel: @escaping () -> Void = {}
    ) throws where Front.Input == Item, Back.Input == Front.Output {
        let handoff = BoundedQueue<Result<[Front.Output], Error>>(capacity: depth)
        let finished = DispatchSemaphore(value: 0)
        let frontLane = UncheckedBox((source, front))
        let thread = Thread {
            let (source, front) = frontLane.value
            do {
                while let chunk = try source() {
                    guard handoff.put(.success(try front.process(chunk))) else { break }
                }
            } catch {
                handoff.put(.failure(error))
            }
            handoff.close()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            handoff.cancel()
            cancel()
            finished.wait()
        }
        while let prepared = handoff.take() {
            try sink(try back.process(try prepared.get()))
        }
    }
}

/// Hands a value to another thread where the compiler cannot prove it safe: the
/// runner's front lane owns its stages exclusively.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
