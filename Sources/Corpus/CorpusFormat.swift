/// The layouts a labeled corpus can come in.
public enum CorpusFormat: String, CaseIterable, Sendable {
    /// Pick by path: a folder is `folders`; otherwise by extension, then by content.
    case auto
    /// Tab-separated values, optionally quoted like CSV; a header row or `label<TAB>text`.
    case tsv
    /// Comma-separated values (RFC 4180 quoting); a header row or `label,text`.
    case csv
    /// One JSON object per line with `text` and `label` (a string or an integer).
    case jsonl
    /// fastText's `__label__pos some text`, one example per line.
    case fasttext
    /// A folder per label holding one document per `.txt` file (`train/pos/1.txt`).
    case folders
}
