extension CorpusFormat {
    /// The format an extension names: `.tsv`/`.tab`, `.csv`, `.jsonl`/`.ndjson`/`.json`,
    /// `.ft`/`.fasttext`. Nil for anything else (`.txt` says nothing about the layout).
    init?(extensionOf path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "tsv", "tab": self = .tsv
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonl
        case "ft", "fasttext": self = .fasttext
        default: return nil
        }
    }

    /// The format the first non-blank line suggests: `{` → JSONL, `__label__` → fastText,
    /// a tab → TSV, a comma → CSV.
    init(sniffing head: ArraySlice<UInt8>, file: String) throws {
        let lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first(where: { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }) else {
            throw CorpusError(file: file, reason: .emptyFile)
        }
        let content = first.drop { $0 == 0x20 || $0 == 0x09 }
        if content.first == UInt8(ascii: "{") { self = .jsonl }
        else if content.starts(with: Array(FastTextReader.prefix.utf8)) { self = .fasttext }
        else if first.contains(UInt8(ascii: "\t")) { self = .tsv }
        else if first.contains(UInt8(ascii: ",")) { self = .csv }
        else { throw CorpusError(file: file, reason: .unknownFormat) }
    }
}
