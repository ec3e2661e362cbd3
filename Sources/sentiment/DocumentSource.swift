import Corpus
import Foundation
import Pipeline

/// Where a classified document came from.
struct DocumentOrigin {
    var path: String
    /// 1-based, with --lines.
    var line: Int?
}

/// The chunks `classify` feeds the pipeline: whole files, lines across files, or the text
/// column of table rows across files. Runs on the pipeline's front thread.
final class DocumentSource: @unchecked Sendable {
    /// What one document is.
    enum Unit: Equatable {
        case files
        case lines
        /// A row of a TSV, CSV or JSONL file: its `textColumn`.
        case rows(textColumn: String)

        /// The documents' name in progress lines.
        var progressName: String {
            switch self {
            case .files: return "files"
            case .lines: return "lines"
            case .rows: return "rows"
            }
        }

        /// `count` documents in the summary line: "1 document", "3 lines", "1 row".
        func counted(_ count: Int) -> String {
            let name: String
            switch self {
            case .files: name = "document"
            case .lines: name = "line"
            case .rows: name = "row"
            }
            return "\(count) \(name)\(count == 1 ? "" : "s")"
        }
    }

    private var files: ArraySlice<String>
    private let unit: Unit
    private let chunkSize: Int
    private var reader: LineReader?
    private var rows: (path: String, stream: CorpusRowStream)?
    /// A bad row's error, thrown once the rows read before it have gone out.
    private var pendingError: Error?

    init(files: [String], unit: Unit, chunkSize: Int) {
        self.files = files[...]
        self.unit = unit
        self.chunkSize = chunkSize
    }

    func nextChunk() throws -> [TextItem<DocumentOrigin>]? {
        var chunk: [TextItem<DocumentOrigin>] = []
        switch unit {
        case .files:
            var bytes = 0
            while chunk.count < chunkSize, bytes < 8 << 20, let path = files.popFirst() {
                let text = try LineReader(path: path).readAll()
                bytes += text.utf8.count
                chunk.append(TextItem(tag: DocumentOrigin(path: path, line: nil), text: text))
            }
        case .lines:
            while chunk.count < chunkSize {
                if reader == nil {
                    guard let path = files.popFirst() else { break }
                    reader = try LineReader(path: path)
                }
                guard let reader, let batch = try reader.nextLines(limit: chunkSize - chunk.count) else {
                    reader = nil
                    continue
                }
                for line in batch {
                    chunk.append(TextItem(tag: DocumentOrigin(path: reader.path, line: line.number), text: line.text))
                }
            }
        case .rows(let textColumn):
            if let error = pendingError {
                pendingError = nil
                throw error
            }
            do {
                while chunk.count < chunkSize {
                    if rows == nil {
                        guard let path = files.popFirst() else { break }
                        rows = (path, try openTable(path, textColumn: textColumn))
                    }
                    guard let (path, stream) = rows, let row = try stream.next() else {
                        rows = nil
                        continue
                    }
                    chunk.append(TextItem(tag: DocumentOrigin(path: path, line: row.line), text: row.text))
                }
            } catch {
                // The rows before a bad one are classified and written first.
                guard !chunk.isEmpty else { throw error }
                pendingError = error
            }
        }
        return chunk.isEmpty ? nil : chunk
    }

    private func openTable(_ path: String, textColumn: String) throws -> CorpusRowStream {
        var options = CorpusReadOptions(textColumn: textColumn)
        options.requiresLabels = false
        do {
            return try CorpusReader(path: path, options: options).rowStream()
        } catch var error as CorpusError where error.reason == .unknownFormat {
            error.reason = .textColumnNeedsATable
            throw error
        }
    }
}
