import Corpus

/// The labeled rows that `eval` scores and `calibrate` fits on. `read` reads `file` (through
/// the dataset cache or not); a corpus error names the format option as these commands
/// spell it (`--input-format`: eval's `--format` is its report's), and a file without rows
/// is a usage error.
func labeledRows(of file: String, read: () throws -> [LabeledText]) throws -> [LabeledText] {
    let rows: [LabeledText]
    do {
        rows = try read()
    } catch var error as CorpusError {
        error.formatFlag = "--input-format"
        throw error
    }
    guard !rows.isEmpty else { throw UsageError(description: "\(file): no labeled rows") }
    return rows
}
