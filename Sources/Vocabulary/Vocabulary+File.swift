import Files
import Foundation

/// The vocabulary file, `vocab/NAME.tsv`: one `token<TAB>count` line per id, in id order
/// (line 1 `<pad>`, line 2 `<unk>`), UTF-8, `\n` line ends. Nothing else, so the same
/// vocabulary is always the same bytes.
extension Vocabulary {
    /// Reads a vocabulary file, checking every line.
    /// - Throws: `VocabularyError` naming the file and line of the first problem.
    public static func load(contentsOf url: URL) throws -> Vocabulary {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: file) {
                throw VocabularyError(file: file, reason: .missingFile)
            }
            throw VocabularyError(file: file, reason: .unreadable(error.localizedDescription))
        }
        return try parse(Array(data), file: file)
    }

    /// Parses the bytes of a vocabulary file; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Vocabulary {
        if bytes.isEmpty { throw VocabularyError(file: file, reason: .emptyFile) }
        if bytes.contains(0) { throw VocabularyError(file: file, reason: .binaryFile) }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var tokens: [String] = [], counts: [Int] = []
        tokens.reserveCapacity(lines.count)
        counts.reserveCapacity(lines.count)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            func fail(_ reason: VocabularyError.Reason) -> VocabularyError {
                VocabularyError(file: file, line: index + 1, reason: reason)
            }
            guard fields.count >= 2 else { throw fail(.missingTab) }
            guard fields.count == 2 else { throw fail(.extraTab) }
            let countText = String(decoding: fields[1], as: UTF8.self)
            guard !fields[1].isEmpty, fields[1].allSatisfy({ (0x30...0x39).contains($0) }), let count = Int(countText) else {
                throw fail(.badCount(countText))
            }
            tokens.append(String(decoding: fields[0], as: UTF8.self))
            counts.append(count)
        }
        if tokens.isEmpty { throw VocabularyError(file: file, reason: .emptyFile) }
        if tokens.count < 2 { throw VocabularyError(file: file, reason: .tooSmall(tokens.count)) }
        return try Vocabulary(validating: tokens, counts: counts, source: file)
    }

    /// The file's bytes: `token<TAB>count\n` for every id.
    /// - Throws: `VocabularyError.unwritableToken` for a token holding a tab or line break.
    public func fileContents() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (token, count) in zip(tokens, counts) {
            if token.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                throw VocabularyError(file: "<memory>", reason: .unwritableToken(token))
            }
            bytes.append(contentsOf: token.utf8)
            bytes.append(0x09)
            bytes.append(contentsOf: String(count).utf8)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Writes the vocabulary file atomically (a reader never sees half a file; a symbolic
    /// link is written through, a device or FIFO in place).
    /// - Parameter creatingFolders: create missing folders on the way (`vocab/NAME.tsv`).
    /// - Throws: `VocabularyError.unwritableToken`, or `OutputFileError` naming the path.
    public func write(to url: URL, creatingFolders: Bool = false) throws {
        let bytes: [UInt8]
        do {
            bytes = try fileContents()
        } catch var error as VocabularyError {
            error.file = url.path
            throw error
        }
        try OutputFile.write(bytes, to: url.path, creatingFolders: creatingFolders)
    }
}
