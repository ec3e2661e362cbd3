import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `first` and `second` at the same time, one per core, and returns when both are
/// done. The two LSTM directions are independent until they meet at the next layer,
/// so this is where the engine's parallelism lives (BLAS itself is pinned to one thread).
/// Each closure must write only memory the other does not touch.
///
/// `second` runs on `SecondCore`'s thread, which keeps polling for a while after each
/// job: a training step hands it a dozen short jobs, and waking a parked thread costs
/// ~11 µs a time (Dispatch's `concurrentPerform`, measured on the build machine). A call
/// made while that thread is busy (from inside `first` or `second`, or from another
/// thread at the same time) runs both closures here, one after the other.
public func runConcurrently(_ first: () -> Void, _ second: () -> Void, serially: Bool = false) {
    if serially || !SecondCore.shared.run(first, second) {
        first()
        second()
    }
}

/// `body` on the two halves of `0..<count`, one per core. The halves meet on a multiple of
/// 64, so a vector kernel gives each element the same arithmetic in either half.
public func inHalvesOnBothCores(_ count: Int, serially: Bool = false, _ body: (Range<Int>) -> Void) {
    let half = (count / 2) & ~63
    runConcurrently({ body(0..<half) }, { body(half..<count) }, serially: serially)
}

/// `body` on each of `items`, those whose `row` is even on one core and the odd ones on
/// the other, each core in the items' order: rows of a table are disjoint memory, and
/// the items of one row are all handled by one thread, in order, as on one core. (By
/// parity, not in halves: the often-used rows of a frequency-ordered vocabulary, which
/// carry the most work, have the low ids.)
public func forEachRowOnBothCores<Items: Sequence>(_ items: Items, row: (Items.Element) -> Int, serially: Bool,
                                                   _ body: (Items.Element) -> Void) {
    runConcurrently({
        for item in items where row(item) & 1 == 0 { body(item) }
    }, {
        for item in items where row(item) & 1 == 1 { body(item) }
    }, serially: serially)
}

/// One thread that runs the second half of `runConcurrently`.
///
/// Handshake: the caller stores the job, then bumps `posted`; the thread runs it and
/// stores the ticket in `finished`, which the caller waits for. Between jobs the thread
/// polls `posted` for `pollSeconds`, then sleeps on `wake`. It says so in `sleeping`
/// before its last look at `posted`, and the caller reads `sleeping` after bumping
/// `posted` (both sequentially consistent), so one of the two always sees the other:
/// a job is never left waiting for a thread that has gone to sleep.
final class SecondCore: @unchecked Sendable {
    static let shared = SecondCore()

    private static let pollSeconds = 0.000_2
    private let posted = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleeping = Atomic<Bool>(false)
    private let inUse = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// Written by the caller before it bumps `posted`, read by the thread after.
    private nonisolated(unsafe) var job: (() -> Void)?

    private init() {
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<SecondCore>.fromOpaque(context!).takeUnretainedValue().serve()
        }, Unmanaged.passRetained(self).toOpaque())
        if started == 0 {
            pthread_detach(thread)
        } else {
            // No thread: every call runs serially.
            inUse.store(true, ordering: .sequentiallyConsistent)
        }
    }

    /// Runs `first` on this thread and `second` on the second core's; false (and runs
    /// nothing) if that thread is busy with another call.
    func run(_ first: () -> Void, _ second: () -> Void) -> Bool {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        withoutActuallyEscaping(second) { second in
            job = second
            let ticket = posted.add(1, ordering: .sequentiallyConsistent).newValue
            if sleeping.load(ordering: .sequentiallyConsistent) { wake.signal() }
            first()
            var polls = 0
            while finished.load(ordering: .acquiring) != ticket {
                polls += 1
                if polls > 4096 { sched_yield() }
            }
            job = nil
        }
        inUse.store(false, ordering: .releasing)
        return true
    }

    private func serve() -> Never {
        var done = 0
        while true {
            var pollingSince = DispatchTime.now().uptimeNanoseconds
            var polls = 0
            while posted.load(ordering: .acquiring) == done {
                polls += 1
                guard polls & 255 == 0 else { continue }
                if Double(DispatchTime.now().uptimeNanoseconds - pollingSince) * 1e-9 < Self.pollSeconds { continue }
                sleeping.store(true, ordering: .sequentiallyConsistent)
                if posted.load(ordering: .sequentiallyConsistent) == done { wake.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                pollingSince = DispatchTime.now().uptimeNanoseconds
            }
            done += 1
            job!()
            finished.store(done, ordering: .releasing)
        }
    }
}
