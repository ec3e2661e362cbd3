/// How to read a corpus. The defaults read the common layouts without any flags.
public struct CorpusReadOptions: Sendable, Equatable {
    /// The layout; `auto` picks by extension and content.
    public var format: CorpusFormat
    /// The label column: a header name (any case), or a 1-based position such as `"2"`.
    /// Nil finds it by name (`label`, `sentiment`, `polarity`, `class`, …) or position.
    /// For JSONL this is the key (default `label`).
    public var labelColumn: String?
    /// The text column: a header name (any case), or a 1-based position.
    /// Nil finds it by name (`text`, `sentence`, `content`, `review`, …) or position.
    /// For JSONL this is the key (default `text`).
    public var textColumn: String?
    /// Whether a TSV/CSV file starts with a header row. Nil decides from the first row:
    /// it is a header when one of its fields is a known or chosen column name.
    public var hasHeader: Bool?
    /// Skip malformed rows and count them instead of stopping at the first one.
    /// File-level problems (missing, empty, binary file) still stop the read.
    public var skipBadRows: Bool
    /// False: rows are read for their text alone (`classify --text-column`): no label
    /// column is looked for and every row's label is "". TSV, CSV and JSONL only.
    public var requiresLabels = true

    public init(
        format: CorpusFormat = .auto, labelColumn: String? = nil, textColumn: String? = nil,
        hasHeader: Bool? = nil, skipBadRows: Bool = false
    ) {
        self.format = format
        self.labelColumn = labelColumn
        self.textColumn = textColumn
        self.hasHeader = hasHeader
        self.skipBadRows = skipBadRows
    }
}
