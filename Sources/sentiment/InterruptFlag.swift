import Files
import Foundation

/// Ctrl-C (SIGINT) or SIGTERM during `train`: the first sets the flag (the trainer stops
/// after the batch in hand, then the run fits its temperature and writes its model and
/// resume point as an early stop would). The same signal again within
/// `repeatWindowSeconds` is the same request delivered twice, and is ignored: a Ctrl-C
/// reaches `timeout sentiment train …` and `sentiment` both, and `timeout` passes its copy
/// on. One after that ends the process at once, through the handler that removes the
/// outputs' temporary files.
enum InterruptFlag {
    static let signals: [Int32] = [SIGINT, SIGTERM]
    static let repeatWindowSeconds = 2

    /// The first signal's number, 0 before any. Written only by the handler.
    private static var received: sig_atomic_t = 0
    /// When it came (CLOCK_MONOTONIC seconds).
    private static var receivedAt: Int = 0

    static var isSet: Bool { received != 0 }

    /// The status a stopped run ends with: 128 + the signal's number (130 for Ctrl-C), as
    /// the shell reports a process that signal ended.
    static var exitStatus: Int32 { 128 + received }

    static func install() {
        for number in signals {
            InterruptCleanup.handleByDefault(number)  // sets up what the handler falls back to
            signal(number, handler)
        }
    }

    static func uninstall() {
        for number in signals { InterruptCleanup.handleByDefault(number) }
    }

    /// Async-signal-safe: it reads the clock, writes two words, and at most re-installs
    /// the default handler and raises the signal again.
    private static let handler: @convention(c) (Int32) -> Void = { number in
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        if InterruptFlag.received == 0 {
            InterruptFlag.receivedAt = now.tv_sec
            InterruptFlag.received = number
        } else if now.tv_sec - InterruptFlag.receivedAt > InterruptFlag.repeatWindowSeconds {
            InterruptCleanup.handleByDefault(number)
            raise(number)
        }
    }
}
