import Files
import Foundation

/// Reads a folder per label, as IMDB ships: `DIR/pos/*.txt`, `DIR/neg/*.txt`. Each
/// `.txt` file is one document whose label is its folder's name. Labels and files come
/// in byte order of their names, so the row order does not depend on the file system.
final class FolderReader: RowReader {
    /// IMDB keeps unlabeled reviews in `unsup/`: they are not a class.
    static let unlabeledFolders: Set<String> = ["unsup"]

    private var documents: [(label: String, path: String)]
    private var nextIndex = 0

    /// - Parameter documents: the folder's documents as `documents(in:)` listed them
    ///   before; nil lists them now.
    init(directory: String, documents listed: [String]? = nil) throws {
        documents = try (listed ?? Self.documents(in: directory)).map {
            (String($0.prefix { $0 != "/" }), (directory as NSString).appendingPathComponent($0))
        }
    }

    /// The documents of a folder corpus as `LABEL/FILE` paths relative to `directory`, in
    /// the order they are read: every regular `.txt` file (or link to one) of every label
    /// folder, skipping hidden names and `unlabeledFolders`. Only these bytes make the
    /// corpus, so only these are hashed for the dataset cache; a named pipe or device is
    /// not a document (opening one could wait forever).
    static func documents(in directory: String) throws -> [String] {
        switch FileKind(path: directory) {
        case .folder: break
        case .missing, .inaccessible: throw CorpusError(file: directory, reason: .missingFile)
        default: throw CorpusError(file: directory, reason: .notADirectory)
        }
        var documents: [String] = []
        for label in try sortedEntries(of: directory, directory: directory)
        where !label.hasPrefix(".") && !unlabeledFolders.contains(label) {
            let folder = (directory as NSString).appendingPathComponent(label)
            guard FileKind(path: folder) == .folder else { continue }
            for file in try sortedEntries(of: folder, directory: folder)
            where file.hasSuffix(".txt") && !file.hasPrefix(".")
                && FileKind(path: (folder as NSString).appendingPathComponent(file)) == .regularFile {
                documents.append("\(label)/\(file)")
            }
        }
        if documents.isEmpty {
            throw CorpusError(file: directory, reason: .noLabelFolders)
        }
        return documents
    }

    private static func sortedEntries(of path: String, directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw CorpusError(file: directory, reason: .unreadable("cannot list the folder"))
        }
    }

    func next() throws -> LabeledText? {
        guard nextIndex < documents.count else { return nil }
        let (label, path) = documents[nextIndex]
        nextIndex += 1
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorpusError(file: path, line: 1, reason: .missingText("cannot read the file"))
        }
        let bytes = [UInt8](data)
        switch TextFileCheck.problem(head: bytes[...], atEnd: true) {
        case .utf16Text?:
            throw CorpusError(file: path, line: 1, reason: .missingText(CorpusError.utf16Text))
        case .utf32Text?:
            throw CorpusError(file: path, line: 1, reason: .missingText(CorpusError.utf32Text))
        case .binaryFile(let detail)?:
            throw CorpusError(file: path, line: 1, reason: .missingText("binary file (\(detail))"))
        default:
            break
        }
        let text = trimmed(String(decoding: data, as: UTF8.self))
        if text.isEmpty {
            throw CorpusError(file: path, line: 1, reason: .missingText("the file is empty"))
        }
        return LabeledText(text: text, label: label, file: path, line: 1)
    }
}
