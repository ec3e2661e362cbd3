/// One labeled example as read from a corpus, with where it came from so that any
/// later error can point back at the file and line.
public struct LabeledText: Sendable, Equatable {
    /// The text to classify, exactly as the file holds it (quotes undone, no trimming).
    public var text: String
    /// The label as written in the file (`pos`, `negative`, `3`), trimmed of spaces.
    public var label: String
    /// The file the row came from (`<stdin>` for standard input).
    public var file: String
    /// The 1-based line where the row starts (always 1 for a folder-per-label document).
    public var line: Int

    public init(text: String, label: String, file: String, line: Int) {
        self.text = text
        self.label = label
        self.file = file
        self.line = line
    }
}
