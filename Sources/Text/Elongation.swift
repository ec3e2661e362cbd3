/// The rule for stretched words, in one place: canonicalization keeps at most `keptRun`
/// of a repeated character (`soooooo` → `sooo`), except digits (`1000000` is not an
/// emphatic `1000`). Token spans (`Tokenizer.tokenSpans`) match such a run against the
/// longer one written, and `Vocabulary.shortenedSpelling` cuts it further.
public enum Elongation {
    /// The longest run of one character canonicalization keeps.
    public static let keptRun = 3

    /// Whether a run of `scalar` is cut to `keptRun`: every character but an ASCII digit.
    public static func isCut(_ scalar: UInt32) -> Bool {
        !(0x30...0x39).contains(scalar)
    }
}
