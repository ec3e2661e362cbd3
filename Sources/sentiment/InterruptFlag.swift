import Files
import Foundation

/// Ctrl-C during `train`: the first SIGINT sets the flag (the trainer stops after the
/// batch in hand and writes its resume point); a second one ends the process at once.
enum InterruptFlag {
    private static var flag: sig_atomic_t = 0

    static var isSet: Bool { flag != 0 }

    static func install() {
        InterruptCleanup.handleByDefault(SIGINT)  // sets up what the handler falls back to
        signal(SIGINT) { _ in
            InterruptFlag.flag = 1
            // The second Ctrl-C: remove the outputs' temporary files and end.
            InterruptCleanup.handleByDefault(SIGINT)
        }
    }

    static func uninstall() {
        InterruptCleanup.handleByDefault(SIGINT)
    }
}
