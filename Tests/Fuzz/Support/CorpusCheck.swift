import Corpus

/// The corpus targets' body: the input as a corpus file of `format`, read to the end
/// with bad rows skipped (so one bad row does not hide the rest), by header detection
/// and then by 1-based column positions.
func checkCorpus(_ bytes: UnsafeBufferPointer<UInt8>, format: CorpusFormat) {
    let path = FuzzInputFile.write(bytes)
    var options = CorpusReadOptions(format: format, skipBadRows: true)
    readCorpus(path, options)
    guard format == .tsv || format == .csv else { return }
    options.labelColumn = "2"
    options.textColumn = "1"
    options.hasHeader = false
    readCorpus(path, options)
}

private func readCorpus(_ path: String, _ options: CorpusReadOptions) {
    var skipped = 0
    do {
        let reported = try CorpusReader(path: path, options: options).forEach(onBadRow: { _ in skipped += 1 }) { row in
            fuzzCheck(row.line >= 1, "row at line \(row.line)")
        }
        fuzzCheck(reported == skipped, "\(reported) rows reported skipped, \(skipped) passed to onBadRow")
    } catch is CorpusError {
        // A file-level problem (empty, binary): the expected way to refuse.
    } catch {
        fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
    }
}
