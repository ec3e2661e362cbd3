/// The tool's version, printed by `sentiment --version`. It names the command-line
/// contract and the embedded model together: raise it when either changes in a way a
/// user's script could notice.
enum Version {
    static let text = "0.1.0"
}
