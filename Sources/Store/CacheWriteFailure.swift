import Foundation

/// The first unwritable-cache error of a run (`StoreError.isUnwritable`: a full disk),
/// reported once; after it the run goes on without writing to the cache. Shared by the
/// pipeline's cache writes and the commands' own (dataset cache, run log).
public final class CacheWriteFailure: @unchecked Sendable {
    private let report: (StoreError) -> Void
    private let lock = NSLock()
    private var happened = false

    public init(report: @escaping (StoreError) -> Void) {
        self.report = report
    }

    /// Whether a write has failed (the cache is out of use).
    public var hasHappened: Bool {
        lock.lock(); defer { lock.unlock() }
        return happened
    }

    /// Notes `error`; the report runs the first time only.
    public func record(_ error: StoreError) {
        lock.lock()
        let isFirst = !happened
        happened = true
        lock.unlock()
        if isFirst { report(error) }
    }
}
