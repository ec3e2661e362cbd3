import Foundation
import Store

/// The cache only saves work, so a cache that stops taking writes (a full disk) must
/// not stop `classify`, `predict`, `eval` or `train`: the first write that fails says so
/// in one warning line, and the command goes on without the cache.
final class CacheFallback: @unchecked Sendable {
    private let failure = CacheWriteFailure { error in
        StandardError.writeLine("sentiment: warning: \(error); going on without the cache")
    }

    /// Whether the warning was printed (the cache is out of use).
    var hasWarned: Bool { failure.hasHappened }

    /// Prints the warning, the first time only.
    func warn(_ error: StoreError) {
        failure.record(error)
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
