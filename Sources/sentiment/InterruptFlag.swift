import Foundation

/// Ctrl-C during `train`: the first SIGINT sets the flag (the trainer stops after the
/// batch in hand and writes its resume point); a second one ends the process at once.
enum InterruptFlag {
    private static var flag: sig_atomic_t = 0

    static var isSet: Bool { flag != 0 }

    static func install() {
        signal(SIGINT) { _ in
            InterruptFlag.flag = 1
            signal(SIGINT, SIG_DFL)
        }
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
    }
}
