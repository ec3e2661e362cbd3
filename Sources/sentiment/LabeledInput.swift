import Corpus

/// The labeled rows that `eval` scores and `calibrate` fits on. `read` reads `file` (through
/// the dataset cache or not); a file without rows is a usage error.
func labeledRows(of file: String, read: () throws -> [LabeledText]) throws -> [LabeledText] {
    let rows = try read()
    guard !rows.isEmpty else { throw UsageError(description: "\(file): no labeled rows") }
    return rows
}
