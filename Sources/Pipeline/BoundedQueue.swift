import Foundation

/// A first-in first-out queue with a fixed capacity, shared by a producer and a
/// consumer thread: `put` blocks while it is full, so a fast reader cannot run ahead
/// of a slow model and fill memory.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Waiting elements are `items[head...]`; a taken slot is set to nil at once, so the
    /// queue holds no reference to what it handed out.
    private var items: [Element?] = []
    private var head = 0
    private let capacity: Int
    private var isClosed = false

    init(capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    private var count: Int { items.count - head }

    /// Appends `element`, waiting while the queue is full.
    /// - Returns: false (and drops the element) once the queue is closed.
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count >= capacity && !isClosed { condition.wait() }
        guard !isClosed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Removes the oldest element, waiting for one; nil once closed and drained.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !isClosed { condition.wait() }
        return removeFirst()
    }

    /// Waits longer than this have no deadline: they last until the batch is full or the
    /// queue closes. (`NSCondition.wait(until:)` traps on a date it cannot turn into
    /// nanoseconds, such as now + 1e13 s, and a day is as good as forever for a burst.)
    static var longestTimedWait: TimeInterval { 86_400 }

    /// Removes up to `limit` elements: waits for the first; then, if more than one was
    /// already waiting (a burst), waits up to `burstWait` seconds for the batch to fill up
    /// (with no deadline beyond `longestTimedWait`, e.g. `.infinity`). A lone element is
    /// returned at once. Empty only once closed and drained.
    func takeBatch(limit: Int, burstWait: TimeInterval) -> [Element] {
        precondition(burstWait >= 0, "burstWait must be a non-negative number of seconds")
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !isClosed { condition.wait() }
        var batch: [Element] = []
        while batch.count < limit, let element = removeFirst() { batch.append(element) }
        if batch.count > 1 && batch.count < limit {
            let deadline = burstWait > Self.longestTimedWait ? nil : Date(timeIntervalSinceNow: burstWait)
            while batch.count < limit && !isClosed {
                if count == 0 {
                    if let deadline {
                        if !condition.wait(until: deadline) { break }
                    } else {
                        condition.wait()
                    }
                }
                while batch.count < limit, let element = removeFirst() { batch.append(element) }
            }
        }
        condition.broadcast()
        return batch
    }

    /// Wakes every waiter; later `put`s are dropped, `take`s drain what is left.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the queue and drops what it holds: for a consumer that stops early.
    func cancel() {
        condition.lock()
        isClosed = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Caller holds the lock.
    private func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = items[head]
        items[head] = nil
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }
}
