/// Column names recognized in a header row, in order of preference. None of them is a
/// plausible label value (such as `y` or `pos`): a headerless file whose first label
/// happened to match would lose its first row to header detection.
enum ColumnNames {
    static let label = ["label", "labels", "sentiment", "polarity", "class", "target", "category"]
    static let text = ["text", "sentence", "content", "review", "document", "body", "tweet", "comment"]
}

/// Reads labeled rows from TSV or CSV: finds the header (or decides there is none),
/// picks the label and text columns, then checks and converts each record.
final class DelimitedReader: RowReader {
    private var records: DelimitedRecords
    private let options: CorpusReadOptions
    /// The label's column is nil when the rows are read for their text alone.
    private var layout: (label: Int?, text: Int, columns: Int)?
    /// Records read while deciding the layout, to be returned first.
    private var pending: [DelimitedRecords.Record] = []
    /// A bad record met while deciding the layout, thrown after `pending`.
    private var pendingError: Error?

    init(source: LineSource, delimiter: UInt8, options: CorpusReadOptions) {
        self.records = DelimitedRecords(source: source, delimiter: delimiter)
        self.options = options
    }

    var name: String { records.source.name }

    func next() throws -> LabeledText? {
        if layout == nil {
            try decideLayout()
        }
        guard let layout else { return nil }
        let record: DelimitedRecords.Record
        if !pending.isEmpty {
            record = pending.removeFirst()
        } else if let error = pendingError {
            pendingError = nil
            throw error
        } else {
            guard let read = try records.next() else { return nil }
            record = read
        }
        let fields = record.fields
        if fields.count != layout.columns {
            let counts = "expected \(layout.columns) columns, found \(fields.count)"
            if fields.count < layout.columns {
                // A lone field in a two-column file reads as text that lost its label.
                if let label = layout.label, fields.count <= label || fields.count == 1 {
                    throw CorpusError(file: name, line: record.line, reason: .missingLabel(counts))
                }
                if fields.count <= layout.text {
                    throw CorpusError(file: name, line: record.line, reason: .missingText(counts))
                }
            }
            throw CorpusError(file: name, line: record.line,
                              reason: .wrongColumnCount(expected: layout.columns, found: fields.count))
        }
        let label = layout.label.map { trimmed(fields[$0]) } ?? ""
        if layout.label != nil, label.isEmpty {
            throw CorpusError(file: name, line: record.line, reason: .missingLabel("the label field is empty"))
        }
        let text = fields[layout.text]
        // Read for its text alone, a blank row is a blank document (classify gives it an empty row).
        if layout.label != nil, isBlank(text) {
            throw CorpusError(file: name, line: record.line, reason: .missingText("the text field is empty"))
        }
        return LabeledText(text: text, label: label, file: name, line: record.line)
    }

    /// Reads the first record and settles which columns hold the label and the text.
    private func decideLayout() throws {
        guard let first = try records.next() else {
            throw CorpusError(file: name, reason: .emptyFile)
        }
        // The header's fields, or the first row's: a quoted TSV field does not run into a
        // line holding as many.
        records.expectedFields = first.fields.count
        guard options.requiresLabels else { return try decideTextLayout(first) }
        let names = first.fields.map { trimmed($0).lowercased() }
        let chosen = [options.labelColumn, options.textColumn].compactMap { $0?.lowercased() }
            .filter { Int($0) == nil }
        let isHeader = options.hasHeader ?? names.contains { name in
            chosen.contains(name) || ColumnNames.label.contains(name) || ColumnNames.text.contains(name)
        }
        let columns = first.fields.count
        if isHeader {
            let header = first.fields.map(trimmed)
            var label = try column(options.labelColumn, kind: "label", header: header, known: ColumnNames.label, line: first.line)
            var text = try column(options.textColumn, kind: "text", header: header, known: ColumnNames.text, line: first.line)
            // Two columns and one of them named: the other one is the other thing.
            if columns == 2 {
                if label == nil, let text { label = 1 - text }
                if text == nil, let label { text = 1 - label }
            }
            guard let label else { throw CorpusError(file: name, line: first.line, reason: .noSuchColumn("label", available: header)) }
            guard let text else { throw CorpusError(file: name, line: first.line, reason: .noSuchColumn("text", available: header)) }
            layout = (label, text, columns)
            guard let row = try records.next() else {
                throw CorpusError(file: name, reason: .headerWithoutRows)
            }
            pending = [row]
        } else {
            pending = [first]
            let label = try position(options.labelColumn, kind: "label", columns: columns, line: first.line)
            let text = try position(options.textColumn, kind: "text", columns: columns, line: first.line)
            switch (label, text) {
            case let (label?, text?):
                layout = (label, text, columns)
            case let (label?, nil) where columns == 2:
                layout = (label, 1 - label, columns)
            case let (nil, text?) where columns == 2:
                layout = (1 - text, text, columns)
            case (nil, nil) where columns == 2:
                // `label<TAB>text` is the usual order; `text<TAB>label` is recognized when
                // more of the first rows have a label-like field (one short word) second
                // only than first only. (Decided on the first row alone, `Excellent!`
                // `positive` read every later row backwards.)
                readAhead(upTo: Self.rowsToDecideOrder)
                let rows = pending.filter { $0.fields.count == 2 }
                    .map { (first: looksLikeLabel($0.fields[0]), second: looksLikeLabel($0.fields[1])) }
                let textFirst = rows.filter { $0.second && !$0.first }.count > rows.filter { $0.first && !$0.second }.count
                layout = textFirst ? (1, 0, 2) : (0, 1, 2)
            default:
                if columns < 2 {
                    throw CorpusError(file: name, line: first.line, reason: .missingLabel("expected 2 columns, found \(columns)"))
                }
                throw CorpusError(file: name, line: first.line, reason: .ambiguousColumns(columns))
            }
        }
    }

    /// How many rows of a headerless two-column file decide which column is the label.
    static let rowsToDecideOrder = 32

    /// Reads records into `pending` until it holds `count` or the input ends; a bad
    /// record ends the reading ahead and is thrown in its turn.
    private func readAhead(upTo count: Int) {
        do {
            while pending.count < count, let record = try records.next() { pending.append(record) }
        } catch {
            pendingError = error
        }
    }

    /// The layout of rows read for their text alone: the chosen text column (by header
    /// name or 1-based position), else a known text column name, else a lone column.
    private func decideTextLayout(_ first: DelimitedRecords.Record) throws {
        let header = first.fields.map(trimmed)
        let columns = header.count
        let choice = options.textColumn
        // A header names the chosen column or a known label or text column.
        let isHeader = options.hasHeader ?? header.contains { field in
            let name = field.lowercased()
            return name == choice?.lowercased() || ColumnNames.text.contains(name) || ColumnNames.label.contains(name)
        }
        var text: Int?
        if isHeader {
            text = try column(choice, kind: "text", header: header, known: ColumnNames.text, line: first.line)
        } else {
            text = try position(choice, kind: "text", columns: columns, line: first.line)
        }
        if text == nil, columns == 1 { text = 0 }
        guard let text else {
            throw CorpusError(file: name, line: first.line, reason: .noSuchColumn("text", available: header))
        }
        layout = (nil, text, columns)
        if isHeader {
            guard let row = try records.next() else { throw CorpusError(file: name, reason: .headerWithoutRows) }
            pending = [row]
        } else {
            pending = [first]
        }
    }

    /// The index of a header column: the one chosen by name or position, else the first
    /// known name present.
    private func column(_ choice: String?, kind: String, header: [String], known: [String], line: Int) throws -> Int? {
        let lowered = header.map { $0.lowercased() }
        if let choice {
            if let index = lowered.firstIndex(of: choice.lowercased()) { return index }
            if let position = Int(choice), position >= 1, position <= header.count { return position - 1 }
            throw CorpusError(file: name, line: line, reason: .chosenColumnMissing(kind, chosen: choice, available: header))
        }
        for candidate in known {
            if let index = lowered.firstIndex(of: candidate) { return index }
        }
        return nil
    }

    private func position(_ choice: String?, kind: String, columns: Int, line: Int) throws -> Int? {
        guard let choice else { return nil }
        guard let position = Int(choice), position >= 1, position <= columns else {
            throw CorpusError(file: name, line: line, reason: .chosenColumnMissing(
                kind, chosen: choice, available: (1...max(columns, 1)).map(String.init)))
        }
        return position - 1
    }

    private func looksLikeLabel(_ field: String) -> Bool {
        let value = trimmed(field)
        return !value.isEmpty && value.count <= 24 && !value.contains(where: \.isWhitespace)
    }
}
