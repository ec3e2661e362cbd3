import Dispatch

/// Runs `first` and `second` at the same time, one per core, and returns when both are
/// done. The two LSTM directions are independent until they meet at the next layer,
/// so this is where the engine's parallelism lives (BLAS itself is pinned to one thread).
/// Each closure must write only memory the other does not touch.
public func runConcurrently(_ first: () -> Void, _ second: () -> Void, serially: Bool = false) {
    if serially {
        first()
        second()
        return
    }
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { first() } else { second() }
            }
        }
    }
}
