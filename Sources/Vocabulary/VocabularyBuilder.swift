/// Counts tokens over a corpus and turns the counts into a `Vocabulary`.
///
/// Memory grows with the number of distinct tokens, not with the corpus: feed it one
/// text at a time. The reserved tokens `<pad>` and `<unk>` are never counted.
public struct VocabularyBuilder: Sendable {
    private var table = TokenTable()
    /// (distinct tokens) occurrences of each token, by table id.
    private var occurrences: [Int] = []

    public init() {}

    /// How many distinct tokens have been counted.
    public var distinctTokenCount: Int { table.count }
    /// How many tokens have been counted in all.
    public private(set) var totalTokenCount = 0

    /// Counts each token once per occurrence.
    public mutating func add(_ tokens: [String]) {
        for token in tokens {
            var token = token
            token.withUTF8 { add(utf8Token: $0) }
        }
    }

    /// Counts one token given as UTF-8 bytes (the tokenizer's fast path): no `String` is
    /// made for a token already seen.
    public mutating func add(utf8Token token: UnsafeBufferPointer<UInt8>) {
        add(utf8Token: token, times: 1)
    }

    /// Counts one token `times` times, as `times` calls of `add(utf8Token:)` would.
    mutating func add(utf8Token token: UnsafeBufferPointer<UInt8>, times: Int) {
        guard !token.isEmpty, !Self.isReserved(token) else { return }
        count(token, times: times)
    }

    private mutating func count(_ token: UnsafeBufferPointer<UInt8>, times: Int) {
        let (id, inserted) = table.insert(token)
        if inserted { occurrences.append(0) }
        occurrences[Int(id)] += times
        totalTokenCount += times
    }

    /// The vocabulary of the tokens counted at least `minCount` times, at most `maxSize`
    /// ids in all (`<pad>` and `<unk>` included, so `maxSize` is the embedding's row count).
    ///
    /// Ids after the two reserved ones go by count, highest first; equal counts by the
    /// tokens' UTF-8 bytes. So the same counts always give the same vocabulary, whatever
    /// order the corpus was read in. `<unk>`'s count is the total of the pruned tokens.
    /// - Parameters:
    ///   - minCount: values below 1 act as 1.
    ///   - maxSize: nil for no limit; values below 2 act as 2.
    /// - Complexity: O(d log d) for d distinct tokens.
    public func build(minCount: Int = 1, maxSize: Int? = nil) -> Vocabulary {
        let minCount = max(minCount, 1)
        var kept = (0..<table.count).filter { occurrences[$0] >= minCount }
        kept.sort { a, b in
            occurrences[a] != occurrences[b] ? occurrences[a] > occurrences[b] : table.bytesPrecede(a, b)
        }
        if let maxSize, kept.count > max(maxSize, 2) - 2 {
            kept.removeLast(kept.count - (max(maxSize, 2) - 2))
        }
        let keptTotal = kept.reduce(0) { $0 + occurrences[$1] }
        let tokens = [Vocabulary.paddingToken, Vocabulary.unknownToken] + kept.map { table.token($0) }
        let counts = [0, totalTokenCount - keptTotal] + kept.map { occurrences[$0] }
        return Vocabulary(tokens: tokens, counts: counts)
    }

    private static let reserved = [Array(Vocabulary.paddingToken.utf8), Array(Vocabulary.unknownToken.utf8)]

    private static func isReserved(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        token.count == 5 && token.first == UInt8(ascii: "<") && reserved.contains { $0.elementsEqual(token) }
    }
}
