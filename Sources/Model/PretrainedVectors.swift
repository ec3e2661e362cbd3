import Foundation
import Vocabulary

/// Why a vectors file could not be used; names the file and line.
public struct VectorsFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var detail: String

    public var description: String {
        line.map { "\(file):\($0): \(detail)" } ?? "\(file): \(detail)"
    }
}

/// Word vectors for a vocabulary, read from GloVe or word2vec text format: one
/// `word v1 … vD` line per word, optionally after a word2vec `COUNT DIM` header line.
/// Only the vocabulary's words are kept, so a 400k-word file costs one pass and no memory.
public struct PretrainedVectors: Sendable {
    /// Width of every vector.
    public let dimension: Int
    /// (V, D) rows in vocabulary id order; rows of words without a vector are zero.
    public let rows: [Float]
    /// Whether vocabulary id `i` has a vector.
    public let found: [Bool]

    /// Vocabulary entries other than `<pad>`/`<unk>` that got a vector.
    public var foundCount: Int { found.dropFirst(2).filter { $0 }.count }

    /// The width of the vectors in `url`, from its first line.
    public static func dimension(of url: URL) throws -> Int {
        var dimension: Int?
        try forEachLine(of: url) { line, number, fields in
            if number == 1, fields.count == 2, let count = Int(fields[0]), let width = Int(fields[1]), count > 0 {
                dimension = width
            } else {
                dimension = fields.count - 1
            }
            return false
        }
        guard let dimension, dimension >= 1 else {
            throw VectorsFileError(file: url.path, line: 1, detail: "expected 'word v1 v2 …' or a word2vec 'count dim' header")
        }
        return dimension
    }

    /// Reads the vectors of `vocabulary`'s words. A token with no exact match takes the
    /// vector of its lower-cased form (GloVe is lower-cased).
    public init(contentsOf url: URL, vocabulary: Vocabulary) throws {
        let dimension = try Self.dimension(of: url)
        var idsByWord: [String: [Int]] = [:]
        for (id, token) in vocabulary.tokens.enumerated() where id >= 2 {
            idsByWord[token, default: []].append(id)
        }
        var rows = [Float](repeating: 0, count: vocabulary.count * dimension)
        var found = [Bool](repeating: false, count: vocabulary.count)
        var exact = [Bool](repeating: false, count: vocabulary.count)
        let lowercaseIDs: [String: [Int]] = {
            var map: [String: [Int]] = [:]
            for (id, token) in vocabulary.tokens.enumerated() where id >= 2 && token.lowercased() != token {
                map[token.lowercased(), default: []].append(id)
            }
            return map
        }()
        try Self.forEachLine(of: url) { line, number, fields in
            if number == 1 && fields.count == 2 && Int(fields[0]) != nil { return true }
            guard fields.count == dimension + 1 else {
                throw VectorsFileError(file: url.path, line: number, detail: "expected \(dimension) values after the word, found \(fields.count - 1)")
            }
            let word = String(fields[0])
            let exactIDs = idsByWord[word] ?? []
            let foldedIDs = (lowercaseIDs[word] ?? []).filter { !exact[$0] }
            if exactIDs.isEmpty && foldedIDs.isEmpty { return true }
            var vector = [Float](repeating: 0, count: dimension)
            for d in 0..<dimension {
                guard let value = Float(fields[d + 1]), value.isFinite else {
                    throw VectorsFileError(file: url.path, line: number, detail: "'\(fields[d + 1])' is not a number")
                }
                vector[d] = value
            }
            for id in exactIDs + foldedIDs {
                rows.replaceSubrange((id * dimension)..<((id + 1) * dimension), with: vector)
                found[id] = true
            }
            for id in exactIDs { exact[id] = true }
            return true
        }
        self.dimension = dimension
        self.rows = rows
        self.found = found
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
