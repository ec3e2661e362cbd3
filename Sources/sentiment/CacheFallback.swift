import Foundation
import Store

/// The cache only saves work, so a cache that stops taking writes (a full disk) must
/// not stop `classify`, `predict`, `eval` or `train`: the first write that fails says so
/// in one warning line, and the command goes on without the cache.
final class CacheFallback: @unchecked Sendable {
    private let lock = NSLock()
    private var warned = false

    /// Whether the warning was printed (the cache is out of use).
    var hasWarned: Bool {
        lock.lock(); defer { lock.unlock() }
        return warned
    }

    /// Prints the warning, the first time only.
    func warn(_ error: StoreError) {
        lock.lock()
        let isFirst = !warned
        warned = true
        lock.unlock()
        if isFirst { StandardError.writeLine("sentiment: warning: \(error); going on without the cache") }
    }

    /// `body`'s value, or nil (after the warning) when the cache cannot take writes.
    func attempt<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as StoreError where error.isUnwritable {
            warn(error)
            return nil
        }
    }
}
