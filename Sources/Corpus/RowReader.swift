/// One format's reader: hands out rows in file order. A malformed row throws a row
/// error (`CorpusError.isRowError`) and leaves the reader ready for the row after it.
protocol RowReader: AnyObject {
    func next() throws -> LabeledText?
}
