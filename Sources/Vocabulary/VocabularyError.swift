/// Why a vocabulary file could not be read or written: `file:line: why`.
public struct VocabularyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case missingFile
        case unreadable(String)
        case emptyFile
        case binaryFile
        case reservedToken(expected: String, found: String)
        case missingTab
        case extraTab
        case emptyToken
        case badCount(String)
        case duplicateToken(String, firstLine: Int)
        case misplacedReservedToken(String)
        case unwritableToken(String)
        case mismatchedCounts(tokens: Int, counts: Int)
        case tooSmall(Int)
    }

    /// The file's path, or `<memory>` for a vocabulary built from arrays.
    public var file: String
    public var line: Int?
    public var reason: Reason

    public init(file: String, line: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(why)"
    }

    private var why: String {
        switch reason {
        case .missingFile: return "no such vocabulary file"
        case .unreadable(let detail): return "cannot read the vocabulary: \(detail)"
        case .emptyFile: return "empty vocabulary file (expected <pad> and <unk> on the first two lines)"
        case .binaryFile: return "not a vocabulary file: binary data (expected token<TAB>count lines)"
        case .reservedToken(let expected, let found):
            return "expected the reserved token \(expected) here, found '\(found)'"
        case .missingTab: return "expected token<TAB>count, found no tab"
        case .extraTab: return "expected token<TAB>count, found more than one tab"
        case .emptyToken: return "empty token"
        case .badCount(let text): return "count '\(text)' is not a non-negative integer"
        case .duplicateToken(let token, let firstLine): return "duplicate token '\(token)' (first on line \(firstLine))"
        case .misplacedReservedToken(let token): return "\(token) is reserved for line \(token == Vocabulary.paddingToken ? 1 : 2)"
        case .unwritableToken(let token): return "token '\(token.debugDescription)' contains a tab or line break and cannot be written"
        case .mismatchedCounts(let tokens, let counts): return "\(tokens) tokens but \(counts) counts"
        case .tooSmall(let count): return "a vocabulary needs at least <pad> and <unk>, found \(count) tokens"
        }
    }
}
