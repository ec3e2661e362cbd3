import Files
import Foundation

/// Reads a labeled corpus in any of the supported layouts, streaming: one row is in
/// memory at a time, so a file of any size can be read.
///
/// ```swift
/// let reader = CorpusReader(path: "corpora/demo/train.tsv")
/// let skipped = try reader.forEach { row in print(row.label, row.text) }
/// ```
public struct CorpusReader: Sendable {
    /// A file, a folder (for `folders`), or `-` for standard input.
    public let path: String
    public let options: CorpusReadOptions
    /// For a folder corpus, the documents to read when listed ahead (`listing(_:)`).
    private var listedDocuments: [String]?

    /// Raised whenever a change reads the same bytes into other rows, so that rows kept
    /// by the dataset cache under an earlier reading are not served again (2: an unclosed
    /// quote in TSV no longer swallows the next rows; a headerless file's column order is
    /// decided by its first rows).
    public static let readingVersion = 2

    public init(path: String, options: CorpusReadOptions = CorpusReadOptions()) {
        self.path = path
        self.options = options
    }

    /// This reader reading exactly `documents` of its folder (`LABEL/FILE` paths relative
    /// to `path`, as `folderDocuments()` lists them) instead of listing the folder again
    /// when it reads: the dataset cache hashes a listing and then reads the same files,
    /// so the rows it keeps under that hash are those files' rows even if a file is
    /// added to the folder in between.
    public func listing(_ documents: [String]) -> CorpusReader {
        var reader = self
        reader.listedDocuments = documents
        return reader
    }

    /// Streams the rows in file order.
    ///
    /// A malformed row throws its `CorpusError` (`file:line: why`), unless
    /// `options.skipBadRows`, in which case it is passed to `onBadRow` and skipped.
    /// Errors thrown by `body` end the read and propagate unchanged.
    /// - Returns: how many bad rows were skipped.
    @discardableResult
    public func forEach(
        onBadRow: (CorpusError) -> Void = { _ in },
        _ body: (LabeledText) throws -> Void
    ) throws -> Int {
        let reader = try rowStream()
        var skipped = 0
        while true {
            let row: LabeledText?
            do {
                row = try reader.next()
            } catch let error as CorpusError where options.skipBadRows && error.isRowError {
                skipped += 1
                onBadRow(error)
                continue
            }
            guard let row else { return skipped }
            try body(row)
        }
    }

    /// All rows, in file order (bad rows skipped if `options.skipBadRows`).
    public func readAll() throws -> [LabeledText] {
        var rows: [LabeledText] = []
        try forEach { rows.append($0) }
        return rows
    }

    /// Checks, without reading a byte, that the corpus can be opened: a command checks
    /// every corpus it was given before it starts on the first, so that a misspelled
    /// `--test` fails at once rather than after the training file was read.
    public func checkAccess() throws {
        guard path != "-" else { return }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw CorpusError(file: path, reason: code == ENOENT || code == ENOTDIR
                ? .missingFile : .unreadable(String(cString: strerror(code))))
        }
        if info.st_mode & S_IFMT == S_IFDIR, options.format != .auto, options.format != .folders {
            throw CorpusError(file: path, reason: .isDirectory)
        }
        if access(path, R_OK) != 0 {
            throw CorpusError(file: path, reason: .unreadable(String(cString: strerror(errno))))
        }
    }

    /// Whether the path is read once and then gone: standard input (`-`), a pipe
    /// (`<(…)`, a named pipe, `/dev/stdin`), a socket or a device. Such input is neither
    /// sniffed ahead of the read nor hashed for the dataset cache, either of which would
    /// consume it.
    public var isStream: Bool {
        if path == "-" { return true }
        switch FileKind(path: path) {
        case .fifo, .characterDevice, .blockDevice, .socket: return true
        case .missing, .regularFile, .folder, .inaccessible: return false
        }
    }

    /// The documents of a folder corpus (`folders`), as `LABEL/FILE` paths relative to
    /// `path` in the order they are read; the bytes of these files are the corpus.
    public func folderDocuments() throws -> [String] {
        try FolderReader.documents(in: path)
    }

    /// The format `auto` resolves to for this path, looking at the content if needed.
    /// For a stream (`isStream`) it stays `auto`: sniffing would consume the input.
    public func resolvedFormat() throws -> CorpusFormat {
        if options.format != .auto || isStream { return options.format }
        if isDirectory(path) { return .folders }
        if let format = CorpusFormat(extensionOf: path) { return format }
        let source = try LineSource(path: path)
        return try CorpusFormat(sniffing: source.head, file: source.name)
    }

    /// The rows one at a time, for a reader that pulls (bad rows throw; no skipping).
    public func rowStream() throws -> CorpusRowStream {
        CorpusRowStream(reader: try makeRowReader())
    }

    private func makeRowReader() throws -> RowReader {
        var format = options.format
        if format == .auto, path != "-", isDirectory(path) { format = .folders }
        if format == .folders {
            if !options.requiresLabels { throw CorpusError(file: path, reason: .textColumnNeedsATable) }
            if path == "-" { throw CorpusError(file: "<stdin>", reason: .notADirectory) }
            return try FolderReader(directory: path, documents: listedDocuments)
        }
        let source = try LineSource(path: path)
        if format == .auto {
            format = try CorpusFormat(extensionOf: path) ?? CorpusFormat(sniffing: source.head, file: source.name)
        }
        switch format {
        case .tsv: return DelimitedReader(source: source, delimiter: UInt8(ascii: "\t"), options: options)
        case .csv: return DelimitedReader(source: source, delimiter: UInt8(ascii: ","), options: options)
        case .jsonl: return JSONLinesReader(source: source, options: options)
        case .fasttext where options.requiresLabels: return FastTextReader(source: source)
        case .fasttext: throw CorpusError(file: source.name, reason: .textColumnNeedsATable)
        case .auto, .folders: preconditionFailure("resolved above")
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        FileKind(path: path) == .folder
    }
}

/// A corpus read one row at a time (`CorpusReader.rowStream`).
public final class CorpusRowStream {
    private let reader: RowReader

    init(reader: RowReader) {
        self.reader = reader
    }

    /// The next row, nil at the end; a malformed row throws its `CorpusError`.
    public func next() throws -> LabeledText? {
        try reader.next()
    }
}
