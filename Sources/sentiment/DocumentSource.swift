import Foundation
import Pipeline

/// Where a classified document came from.
struct DocumentOrigin {
    var path: String
    /// 1-based, with --lines.
    var line: Int?
}

/// The chunks `classify` feeds the pipeline: whole files, or lines across files.
/// Runs on the pipeline's front thread.
final class DocumentSource: @unchecked Sendable {
    private var files: ArraySlice<String>
    private let lines: Bool
    private let chunkSize: Int
    private var reader: LineReader?

    init(files: [String], lines: Bool, chunkSize: Int) {
        self.files = files[...]
        self.lines = lines
        self.chunkSize = chunkSize
    }

    func nextChunk() throws -> [TextItem<DocumentOrigin>]? {
        var chunk: [TextItem<DocumentOrigin>] = []
        if !lines {
            var bytes = 0
            while chunk.count < chunkSize, bytes < 8 << 20, let path = files.popFirst() {
                let text = try LineReader(path: path).readAll()
                bytes += text.utf8.count
                chunk.append(TextItem(tag: DocumentOrigin(path: path, line: nil), text: text))
            }
            return chunk.isEmpty ? nil : chunk
        }
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
        return chunk.isEmpty ? nil : chunk
    }
}
