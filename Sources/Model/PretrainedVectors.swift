import Files
import Foundation
import Vocabulary

/// Why a vectors file could not be used; names the file and the line (text) or entry
/// (word2vec binary).
public struct VectorsFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    /// The entry of a binary file, counted from 1 after the header.
    public var entry: Int? = nil
    public var detail: String

    public var description: String {
        if let line { return "\(file):\(line): \(detail)" }
        if let entry { return "\(file): entry \(entry): \(detail)" }
        return "\(file): \(detail)"
    }
}

/// Word vectors for a vocabulary, read from GloVe or word2vec text format (one
/// `word v1 … vD` line per word, optionally after a word2vec `COUNT DIM` header line) or
/// word2vec's binary format (see `Word2VecBinaryReader`, which says how the two are told
/// apart). Only the vocabulary's words are kept, so a file of millions of words costs
/// one streaming pass and no memory beyond the vocabulary's rows.
public struct PretrainedVectors: Sendable {
    /// Width of every vector.
    public let dimension: Int
    /// (V, D) rows in vocabulary id order; rows of words without a vector are zero.
    public let rows: [Float]
    /// Whether vocabulary id `i` has a vector.
    public let found: [Bool]

    /// Vocabulary entries other than `<pad>`/`<unk>` that got a vector.
    public var foundCount: Int { found.dropFirst(2).filter { $0 }.count }

    /// The width of the vectors in `url`: a binary file's header DIM, else from the first
    /// line of text.
    public static func dimension(of url: URL) throws -> Int {
        if let header = try Word2VecBinaryReader.header(of: url) { return header.dimension }
        return try textDimension(of: url)
    }

    /// Refuses a vectors path that is not a regular file (or a link to one): the file is
    /// read more than once (binary or text, its width, then the vocabulary's rows), which
    /// a pipe such as `--vectors <(unzip -p glove.6B.zip …)` cannot give.
    public static func checkIsAFile(_ url: URL) throws {
        let problem: String
        switch FileKind(path: url.path) {
        case .regularFile: return
        case .missing: problem = "cannot open: \(String(cString: strerror(ENOENT)))"
        case .inaccessible(let reason): problem = "cannot open: \(reason)"
        default:
            problem = "word vectors are read more than once, so they must be a file, not a pipe or device "
                + "(save them first, e.g. unzip -p glove.6B.zip glove.6B.50d.txt > glove.6B.50d.txt)"
        }
        throw VectorsFileError(file: url.path, line: nil, detail: problem)
    }

    /// Wider vectors are not something anyone trains; refuse before allocating (V, D) rows.
    static let maximumDimension = 1 << 16

    /// The width of a text vectors file, from its first line.
    private static func textDimension(of url: URL) throws -> Int {
        var dimension: Int?
        var isHeader = false
        try forEachLine(of: url) { line, number, fields in
            if number == 1, fields.count == 2, let count = Int(fields[0]), let width = Int(fields[1]), count > 0 {
                dimension = width
                isHeader = true
            } else {
                dimension = fields.count - 1
            }
            return false
        }
        guard let dimension, dimension >= 1 else {
            throw VectorsFileError(file: url.path, line: 1, detail: "expected 'word v1 v2 …' or a word2vec 'count dim' header")
        }
        // A header's DIM is only a number: without this, `1 99999999999` asked for
        // V × DIM floats (or overflowed computing how many).
        guard dimension <= maximumDimension else {
            throw VectorsFileError(file: url.path, line: 1, detail: isHeader
                ? "DIM \(dimension) is implausible (at most \(maximumDimension))"
                : "\(dimension) values per word is implausible (at most \(maximumDimension))")
        }
        return dimension
    }

    /// Reads the vectors of `vocabulary`'s words. A token with no exact match takes the
    /// vector of its lower-cased form (GloVe is lower-cased).
    public init(contentsOf url: URL, vocabulary: Vocabulary) throws {
        var table: VocabularyVectorTable
        if let header = try Word2VecBinaryReader.header(of: url) {
            table = VocabularyVectorTable(vocabulary: vocabulary, dimension: header.dimension)
            let reader = Word2VecBinaryReader(url: url, count: header.count, dimension: header.dimension)
            try reader.forEachEntry { word, entry, values in
                guard let ids = table.ids(for: word) else { return }
                var vector = [Float](repeating: 0, count: values.count)
                for d in 0..<values.count {
                    let value = values[d]
                    guard value.isFinite else {
                        throw VectorsFileError(file: url.path, line: nil, entry: entry, detail: "value \(d + 1) of '\(word)' is \(value)")
                    }
                    vector[d] = value
                }
                table.store(vector, ids: ids)
            }
        } else {
            let dimension = try Self.textDimension(of: url)
            table = VocabularyVectorTable(vocabulary: vocabulary, dimension: dimension)
            try Self.forEachLine(of: url) { line, number, fields in
                if number == 1 && fields.count == 2 && Int(fields[0]) != nil { return true }
                guard fields.count == dimension + 1 else {
                    throw VectorsFileError(file: url.path, line: number, detail: "expected \(dimension) values after the word, found \(fields.count - 1)")
                }
                guard let ids = table.ids(for: String(fields[0])) else { return true }
                var vector = [Float](repeating: 0, count: dimension)
                for d in 0..<dimension {
                    guard let value = Float(fields[d + 1]), value.isFinite else {
                        throw VectorsFileError(file: url.path, line: number, detail: "'\(fields[d + 1])' is not a number")
                    }
                    vector[d] = value
                }
                table.store(vector, ids: ids)
                return true
            }
        }
        self.dimension = table.dimension
        self.rows = table.rows
        self.found = table.found
    }

    /// Calls `body(line, lineNumber, fields)` for each non-empty line, split on spaces;
    /// stops when it returns false.
    static func forEachLine(of url: URL, _ body: (Substring, Int, [Substring]) throws -> Bool) throws {
        guard let file = fopen(url.path, "r") else {
            throw VectorsFileError(file: url.path, line: nil, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        while true {
            let length = getline(&buffer, &capacity, file)
            if length < 0 { break }
            number += 1
            let raw = UnsafeRawBufferPointer(start: buffer, count: length)
            let line = Substring(String(decoding: raw, as: UTF8.self))
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            if fields.isEmpty { continue }
            if try !body(line, number, fields) { break }
        }
    }
}

/// The vocabulary's rows being filled from a vectors file, whatever its format: which ids
/// a word of the file serves, and the rows themselves.
private struct VocabularyVectorTable {
    let dimension: Int
    /// (V, D) rows in vocabulary id order.
    var rows: [Float]
    var found: [Bool]
    /// Ids whose own spelling was found (a lower-cased match no longer overwrites them).
    private var exact: [Bool]
    private let idsByWord: [String: [Int]]
    /// Ids of tokens that are not lower case, by their lower-cased form.
    private let idsByLowercasedWord: [String: [Int]]

    init(vocabulary: Vocabulary, dimension: Int) {
        self.dimension = dimension
        var idsByWord: [String: [Int]] = [:]
        var idsByLowercasedWord: [String: [Int]] = [:]
        for (id, token) in vocabulary.tokens.enumerated() where id >= 2 {
            idsByWord[token, default: []].append(id)
            if token.lowercased() != token { idsByLowercasedWord[token.lowercased(), default: []].append(id) }
        }
        self.idsByWord = idsByWord
        self.idsByLowercasedWord = idsByLowercasedWord
        rows = [Float](repeating: 0, count: vocabulary.count * dimension)
        found = [Bool](repeating: false, count: vocabulary.count)
        exact = [Bool](repeating: false, count: vocabulary.count)
    }

    /// The ids `word`'s vector goes to: tokens spelled `word`, then tokens whose lower-cased
    /// form it is and that have no exact vector yet; nil when there are none.
    func ids(for word: String) -> (exact: [Int], folded: [Int])? {
        let exactIDs = idsByWord[word] ?? []
        let foldedIDs = (idsByLowercasedWord[word] ?? []).filter { !exact[$0] }
        return exactIDs.isEmpty && foldedIDs.isEmpty ? nil : (exactIDs, foldedIDs)
    }

    mutating func store(_ vector: [Float], ids: (exact: [Int], folded: [Int])) {
        for id in ids.exact + ids.folded {
            rows.replaceSubrange((id * dimension)..<((id + 1) * dimension), with: vector)
            found[id] = true
        }
        for id in ids.exact { exact[id] = true }
    }
}
