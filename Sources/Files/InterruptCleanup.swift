import Foundation

/// Removes the temporary files of outputs still being written when SIGINT, SIGTERM or
/// SIGHUP ends the process. `OutputFile` writes beside its target and renames at the
/// end, so an interrupted run never touches the target; without this, it left the
/// half-written `.NAME.PID.tmp` behind in the user's folder.
///
/// Each open `OutputFile` holds a slot: its temporary path, as a C string, and a live
/// flag. The handler unlinks the live slots' paths (`unlink` is async-signal-safe; the
/// handler allocates nothing and takes no lock), restores the default action and raises
/// the signal again, so the process ends as it would have (status 128 + signal).
///
/// A signal the process ignores (`nohup`, a background job of a shell without job
/// control) stays ignored, and a handler of the program's own (`train`'s Ctrl-C, which
/// stops after the batch in hand and discards its outputs in the normal way) stays in
/// place: only the default action is replaced. A path's string is never freed, so the
/// handler can never read freed memory; a slot whose output is done is reused for the
/// same path (a checkpoint written every epoch), and a process writes few distinct
/// paths. With all slots taken, an output simply goes unregistered.
public enum InterruptCleanup {
    /// The signals whose default action ends the process and that a user or a job
    /// scheduler sends to stop a run.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let capacity = 256

    private static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        paths.initialize(repeating: nil, count: capacity)
        return paths
    }()
    private static let live: UnsafeMutablePointer<sig_atomic_t> = {
        let live = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: capacity)
        live.initialize(repeating: 0, count: capacity)
        return live
    }()
    private static let lock = NSLock()

    /// Registers `path` for removal if a signal ends the process; nil when every slot is taken.
    static func register(_ path: String) -> Int? {
        _ = installedWhereDefault
        lock.lock()
        defer { lock.unlock() }
        // Slots fill in order: the first one without a path ends the used ones.
        for slot in 0..<capacity where live[slot] == 0 {
            guard let held = paths[slot] else {
                guard let copy = strdup(path) else { return nil }
                paths[slot] = copy
                live[slot] = 1
                return slot
            }
            if strcmp(held, path) == 0 {
                live[slot] = 1
                return slot
            }
        }
        return nil
    }

    /// The output of `slot` was committed or discarded: its path is no longer ours to remove.
    static func unregister(_ slot: Int) {
        lock.lock()
        live[slot] = 0
        lock.unlock()
    }

    /// Sets the cleanup handler for `signal`: remove the temporary files, then end as the
    /// default action would. For a program's own handler to fall back to, instead of
    /// SIG_DFL (async-signal-safe).
    /// The first call must come from outside a handler (it sets up the slots).
    public static func handleByDefault(_ number: Int32) {
        _ = (paths, live)
        signal(number, handler)
    }

    /// Installs the handler, once, for each of `signals` whose action is the default one
    /// then. (`train`'s own SIGINT handler, installed later or earlier, falls back to it.)
    private static let installedWhereDefault: Void = {
        for number in signals {
            var current = sigaction()
            guard sigaction(number, nil, &current) == 0 else { continue }
            // SIG_DFL is the null handler.
            if current.__sigaction_handler.sa_handler == nil { handleByDefault(number) }
        }
    }()

    private static let handler: @convention(c) (Int32) -> Void = { number in
        for slot in 0..<InterruptCleanup.capacity where InterruptCleanup.live[slot] != 0 {
            if let path = InterruptCleanup.paths[slot] { unlink(path) }
        }
        signal(number, SIG_DFL)
        raise(number)
    }
}
