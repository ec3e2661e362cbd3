/// A fixed mapping between tokens and ids: id 0 is `<pad>`, id 1 is `<unk>`, then the
/// kept tokens, most frequent first. Lookups hash the token's UTF-8 bytes.
///
/// Immutable once built, so one value can be shared by any number of threads.
public struct Vocabulary: Sendable {
    public static let paddingID: Int32 = 0
    public static let unknownID: Int32 = 1
    public static let paddingToken = "<pad>"
    public static let unknownToken = "<unk>"

    /// How often each token occurred in the corpus it was built from, in id order.
    /// `<pad>` counts 0; `<unk>` counts the occurrences of the tokens pruned away.
    /// All 0 for a model file's vocabulary (made on use: a model keeps no counts).
    public var counts: [Int] { storedCounts ?? Array(repeating: 0, count: table.count) }
    private let storedCounts: [Int]?
    private let table: TokenTable

    /// The tokens in id order; `tokens[0] == "<pad>"`, `tokens[1] == "<unk>"`. Decoded
    /// from the table's bytes on each use: for whole-list work (writing, fingerprinting).
    public var tokens: [String] { (0..<table.count).map(table.token) }

    /// A vocabulary from its tokens in id order and their counts.
    ///
    /// The arrays must be well-formed (as `build` and `load` make them): the same length,
    /// `<pad>` then `<unk>` first, no duplicates or empty tokens. For tokens from outside
    /// the program, such as a model file's metadata, use `init(validating:counts:source:)`.
    public init(tokens: [String], counts: [Int]) {
        do {
            try self.init(validating: tokens, counts: counts)
        } catch {
            preconditionFailure("malformed vocabulary: \(error)")
        }
    }

    /// A vocabulary from tokens and counts that may be malformed.
    /// - Parameter source: names the origin in errors (a file path, `model.safetensors`).
    /// - Throws: `VocabularyError` with the 1-based position (the line, in a vocab file).
    public init(validating tokens: [String], counts: [Int], source: String = "<memory>") throws {
        guard tokens.count == counts.count else {
            throw VocabularyError(file: source, reason: .mismatchedCounts(tokens: tokens.count, counts: counts.count))
        }
        var storage: [UInt8] = []
        var offsets = [0]
        offsets.reserveCapacity(tokens.count + 1)
        for token in tokens {
            storage.append(contentsOf: token.utf8)
            offsets.append(storage.count)
        }
        table = try Self.checkedTable(storage: storage, offsets: offsets, counts: counts, source: source)
        storedCounts = counts
    }

    /// A vocabulary from UTF-8 tokens in id order, one per line (`\n`-separated, no
    /// trailing newline), every count 0: a model file's list, checked as strictly as
    /// `init(validating:counts:source:)` without making a `String` per token.
    public init(validatingLines text: UnsafeBufferPointer<UInt8>, source: String = "<memory>") throws {
        // The bytes without the line breaks, and where each token starts.
        var offsets = [0]
        let storage = [UInt8](unsafeUninitializedCapacity: text.count) { buffer, initialized in
            var written = 0
            var start = 0
            while start <= text.count {
                let rest = UnsafeRawPointer(text.baseAddress.map { $0 + start })
                let found = rest.flatMap { memchr($0, 0x0A, text.count - start) }
                let end = found.map { start + (UnsafeRawPointer($0) - rest!) } ?? text.count
                if end > start {
                    buffer.baseAddress!.advanced(by: written).update(from: text.baseAddress! + start, count: end - start)
                }
                written += end - start
                offsets.append(written)
                start = end + 1
            }
            initialized = written
        }
        table = try Self.checkedTable(storage: storage, offsets: offsets, counts: nil, source: source)
        storedCounts = nil
    }

    /// The table of the tokens `storage[offsets[i] ..< offsets[i + 1]]`. Problems are
    /// reported as a line-by-line reading would meet them: the first line that is wrong
    /// on its own (a reserved token out of place, an empty token, a negative count) or
    /// repeats an earlier line.
    private static func checkedTable(storage: [UInt8], offsets: [Int], counts: [Int]?, source: String) throws -> TokenTable {
        let count = offsets.count - 1
        guard count >= 2 else {
            throw VocabularyError(file: source, reason: .tooSmall(count))
        }
        let firstProblem = storage.withUnsafeBufferPointer { bytes -> VocabularyError? in
            for index in 0..<count {
                let token = UnsafeBufferPointer(rebasing: bytes[offsets[index]..<offsets[index + 1]])
                if let problem = problem(token, count: counts?[index] ?? 0, line: index + 1, source: source) {
                    return problem
                }
            }
            return nil
        }
        let checked = firstProblem.map { $0.line! - 1 } ?? count
        let built = checked == count
            ? TokenTable.build(storage: storage, offsets: offsets)
            : TokenTable.build(storage: Array(storage[..<offsets[checked]]), offsets: Array(offsets[...checked]))
        switch built {
        case .failure(let repeated):
            let id = Int(repeated.id)
            let token = String(decoding: storage[offsets[id]..<offsets[id + 1]], as: UTF8.self)
            throw VocabularyError(file: source, line: id + 1,
                                  reason: .duplicateToken(token, firstLine: Int(repeated.earlierID) + 1))
        case .success(let table):
            if let firstProblem { throw firstProblem }
            return table
        }
    }

    /// What is wrong with the token on 1-based `line` by itself, if anything.
    private static func problem(_ token: UnsafeBufferPointer<UInt8>, count: Int, line: Int, source: String) -> VocabularyError? {
        func text() -> String { String(decoding: token, as: UTF8.self) }
        if line <= 2 {
            let expected = line == 1 ? paddingToken : unknownToken
            if !equals(token, expected) {
                return VocabularyError(file: source, line: line, reason: .reservedToken(expected: expected, found: text()))
            }
        } else if equals(token, paddingToken) || equals(token, unknownToken) {
            return VocabularyError(file: source, line: line, reason: .misplacedReservedToken(text()))
        }
        if token.isEmpty {
            return VocabularyError(file: source, line: line, reason: .emptyToken)
        }
        if count < 0 {
            return VocabularyError(file: source, line: line, reason: .badCount(String(count)))
        }
        return nil
    }

    private static func equals(_ token: UnsafeBufferPointer<UInt8>, _ reserved: String) -> Bool {
        token.elementsEqual(reserved.utf8)
    }

    /// How many ids, `<pad>` and `<unk>` included: the embedding table's row count.
    public var count: Int { table.count }

    /// How many of the ids are the corpus's own tokens: all but `<pad>` and `<unk>`.
    public var wordCount: Int { table.count - 2 }

    /// The id of `token`, or `unknownID` if it is not in the vocabulary.
    /// - Complexity: O(length of the token), expected.
    public func id(of token: String) -> Int32 {
        table.id(of: token) ?? Self.unknownID
    }

    /// The id of a token given as UTF-8 bytes, or `unknownID`: no `String` is made.
    public func id(ofUTF8 token: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.id(of: token) ?? Self.unknownID
    }

    /// The token with `id`, or nil if `id` is out of range.
    public func token(for id: Int32) -> String? {
        id >= 0 && Int(id) < table.count ? table.token(Int(id)) : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
