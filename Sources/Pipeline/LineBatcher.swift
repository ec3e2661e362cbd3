import Foundation

/// Micro-batching for streams: a reader thread takes lines off a descriptor as they
/// arrive; `nextBatch` returns a lone line at once, and under a burst gathers up to
/// `maxBatch` lines, waiting at most `burstWait` seconds for the batch to fill (a day or
/// more, or `.infinity`: until it is full or the input ends).
public final class LineBatcher: @unchecked Sendable {
    private let queue: BoundedQueue<Result<(number: Int, text: String), Error>>
    public let maxBatch: Int
    public let burstWait: TimeInterval
    private var isFinished = false
    /// The reader's error, thrown by the call after the one that returned the lines read
    /// before it.
    private var pendingError: Error?

    /// The defaults (`predict`'s): 64 lines, and 2 ms of waiting, short beside the time a
    /// line takes to answer.
    public static let defaultMaxBatch = 64
    public static let defaultBurstWait: TimeInterval = 0.002

    /// Starts reading `reader` on a thread of its own.
    public init(reader: LineReader, maxBatch: Int = defaultMaxBatch, burstWait: TimeInterval = defaultBurstWait) {
        precondition(burstWait >= 0, "burstWait must be a non-negative number of seconds")
        self.maxBatch = maxBatch
        self.burstWait = burstWait
        let queue = BoundedQueue<Result<(number: Int, text: String), Error>>(capacity: 16 * maxBatch)
        self.queue = queue
        let box = UncheckedBox(reader)
        let thread = Thread {
            do {
                while let line = try box.value.nextLine() {
                    guard queue.put(.success((box.value.lineNumber, line))) else { return }
                }
            } catch {
                queue.put(.failure(error))
            }
            queue.close()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next lines with their numbers, or nil at the end of the input.
    public func nextBatch() throws -> [(number: Int, text: String)]? {
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        guard !isFinished else { return nil }
        let batch = queue.takeBatch(limit: maxBatch, burstWait: burstWait)
        if batch.isEmpty {
            isFinished = true
            return nil
        }
        var lines: [(number: Int, text: String)] = []
        lines.reserveCapacity(batch.count)
        for result in batch {
            switch result {
            case let .success(line): lines.append(line)
            case let .failure(error):
                isFinished = true
                if lines.isEmpty { throw error }
                pendingError = error  // the lines before it go out first
                return lines
            }
        }
        return lines
    }

    /// Stops handing out lines: a waiting `nextBatch` returns nil. The reader thread
    /// may stay blocked in `read` until its input ends; the process can exit meanwhile.
    public func cancel() {
        queue.cancel()
    }
}
