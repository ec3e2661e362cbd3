/// A fixed mapping between tokens and ids: id 0 is `<pad>`, id 1 is `<unk>`, then the
/// kept tokens, most frequent first. Lookups hash the token's UTF-8 bytes.
///
/// Immutable once built, so one value can be shared by any number of threads.
public struct Vocabulary: Sendable {
    public static let paddingID: Int32 = 0
    public static let unknownID: Int32 = 1
    public static let paddingToken = "<pad>"
    public static let unknownToken = "<unk>"

    /// The tokens in id order; `tokens[0] == "<pad>"`, `tokens[1] == "<unk>"`.
    public let tokens: [String]
    /// How often each token occurred in the corpus it was built from, in id order.
    /// `<pad>` counts 0; `<unk>` counts the occurrences of the tokens pruned away.
    public let counts: [Int]
    private let table: TokenTable

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
        guard tokens.count >= 2 else {
            throw VocabularyError(file: source, reason: .tooSmall(tokens.count))
        }
        var table = TokenTable()
        for (index, token) in tokens.enumerated() {
            let line = index + 1
            if index < 2 {
                let expected = index == 0 ? Self.paddingToken : Self.unknownToken
                guard token == expected else {
                    throw VocabularyError(file: source, line: line, reason: .reservedToken(expected: expected, found: token))
                }
            } else if token == Self.paddingToken || token == Self.unknownToken {
                throw VocabularyError(file: source, line: line, reason: .misplacedReservedToken(token))
            }
            if token.isEmpty {
                throw VocabularyError(file: source, line: line, reason: .emptyToken)
            }
            if counts[index] < 0 {
                throw VocabularyError(file: source, line: line, reason: .badCount(String(counts[index])))
            }
            let (id, inserted) = table.insert(token)
            if !inserted {
                throw VocabularyError(file: source, line: line, reason: .duplicateToken(token, firstLine: Int(id) + 1))
            }
        }
        self.tokens = tokens
        self.counts = counts
        self.table = table
    }

    /// How many ids, `<pad>` and `<unk>` included: the embedding table's row count.
    public var count: Int { tokens.count }

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
        id >= 0 && Int(id) < tokens.count ? tokens[Int(id)] : nil
    }
}
