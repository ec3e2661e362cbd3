/// Why a corpus could not be read, with the file and (for row problems) the line.
///
/// The description is one line, `file:line: why` or `file: why`, ready for a terminal.
public struct CorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        // The file as a whole: never skipped.
        case missingFile
        case unreadable(String)
        case emptyFile
        case headerWithoutRows
        case binaryFile(String)
        case utf16Text
        case utf32Text
        case isDirectory
        case notADirectory
        case noLabelFolders
        case unknownFormat
        case noSuchColumn(String, available: [String])
        /// `--text-column` or `--label-column` named a column the file lacks.
        case chosenColumnMissing(String, chosen: String, available: [String])
        case ambiguousColumns(Int)
        case textColumnNeedsATable
        // One row: skipped and counted with `skipBadRows`.
        case wrongColumnCount(expected: Int, found: Int)
        case missingLabel(String)
        case missingText(String)
        case unterminatedQuote
        case textAfterClosingQuote
        case badJSON(String)
        case badLabelValue(String)
        case severalLabels([String])
    }

    /// The file as the user named it (`<stdin>` for `-`).
    public var file: String
    /// The 1-based line of the row, or nil for a problem with the whole file.
    public var line: Int?
    public var reason: Reason

    public init(file: String, line: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// True for a problem confined to one row, which `skipBadRows` may skip.
    public var isRowError: Bool {
        switch reason {
        case .wrongColumnCount, .missingLabel, .missingText, .unterminatedQuote,
             .textAfterClosingQuote, .badJSON, .badLabelValue, .severalLabels:
            return true
        default:
            return false
        }
    }

    /// What `.utf16Text` says; a folder corpus's bad row for such a document says it too.
    static let utf16Text = "UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)"
    static let utf32Text = "UTF-32 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-32 -t UTF-8)"

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(why)"
    }

    private var why: String {
        switch reason {
        case .missingFile: return "no such file"
        case .unreadable(let detail): return "cannot read: \(detail)"
        case .emptyFile: return "empty file: no rows to read"
        case .headerWithoutRows: return "empty corpus: a header but no rows"
        case .binaryFile(let detail): return "binary file (\(detail)); expected UTF-8 text"
        case .utf16Text: return Self.utf16Text
        case .utf32Text: return Self.utf32Text
        case .isDirectory: return "is a directory; use --input-format folders for a folder per label"
        case .textColumnNeedsATable: return "--text-column reads TSV, CSV or JSONL files, and this is not one"
        case .notADirectory: return "not a directory; --input-format folders expects DIR/LABEL/*.txt"
        case .noLabelFolders: return "no label folders with .txt files (expected DIR/LABEL/*.txt)"
        case .unknownFormat:
            return "cannot tell the corpus format; choose one with --input-format tsv|csv|jsonl|fasttext|folders"
        case .noSuchColumn(let name, let available):
            return "no \(name) column among \(available.map { "'\($0)'" }.joined(separator: ", "))"
                + "; choose one with --\(name)-column"
        case .chosenColumnMissing(let name, let chosen, let available):
            return "--\(name)-column \(chosen): no such column among \(available.map { "'\($0)'" }.joined(separator: ", "))"
                + " (give a header name or a 1-based position)"
        case .ambiguousColumns(let count):
            return "\(count) columns and no header: choose them with --label-column and --text-column (1-based positions)"
        case .wrongColumnCount(let expected, let found):
            return "expected \(expected) columns, found \(found)"
        case .missingLabel(let detail): return "no label: \(detail)"
        case .missingText(let detail): return "no text: \(detail)"
        case .unterminatedQuote: return "unterminated quoted field: the quote opened on this line never closes"
        case .textAfterClosingQuote: return "unexpected text after a closing quote (write a quote inside a quoted field as \"\")"
        case .badJSON(let detail): return "bad JSON: \(detail)"
        case .badLabelValue(let detail): return "bad label: \(detail)"
        case .severalLabels(let labels):
            return "several labels (\(labels.joined(separator: ", "))); one label per example is supported"
        }
    }
}
