import Text

/// Texts run through the tokenizer once, for the two jobs of a training run's data side:
/// counting tokens for a vocabulary and then, once the vocabulary exists, reading every
/// text as ids, without tokenizing again. Each distinct token's bytes are kept once (a
/// `TokenTable`); a text is the run of its tokens' numbers in that table.
///
/// ```swift
/// let texts = TokenizedTexts(["a fine film", "a dull one"][...], tokenizer: tokenizer)
/// var counts = VocabularyBuilder()
/// texts.addCounts(to: &counts)   // as `counts.add(tokensOf:using:)` of each text
/// ```
public struct TokenizedTexts: Sendable {
    /// Every distinct token, numbered in order of first occurrence.
    private var table = TokenTable()
    /// Per distinct token, its occurrences in the texts that are counted.
    private var occurrences: [Int] = []
    /// The texts' tokens as numbers in `table`, text after text.
    private var sequence: [Int32] = []
    /// (count + 1) offsets: text i is `sequence[ends[i] ..< ends[i + 1]]`.
    private var ends: [Int] = [0]

    /// Tokenizes `texts`, counting the tokens of text i only if `counted(i)` (a training
    /// file's rows held out for dev are read, but give the vocabulary nothing).
    /// - Parameter counted: takes an index of `texts` counted from 0, not from
    ///   `texts.startIndex`.
    public init(_ texts: ArraySlice<String>, tokenizer: Tokenizer, counted: (Int) -> Bool = { _ in true }) {
        for index in 0..<texts.count {
            let text = texts[texts.startIndex + index]
            let counts = counted(index)
            tokenizer.forEachToken(in: text) { token in
                let (number, inserted) = table.insert(token)
                if inserted { occurrences.append(0) }
                if counts { occurrences[Int(number)] += 1 }
                sequence.append(number)
            }
            ends.append(sequence.count)
        }
    }

    /// How many texts.
    public var count: Int { ends.count - 1 }

    /// How many distinct tokens the texts hold.
    public var distinctTokenCount: Int { table.count }

    /// Adds the counted texts' tokens to `builder`, as `add(tokensOf:using:)` of each
    /// would (reserved and empty tokens are not counted).
    public func addCounts(to builder: inout VocabularyBuilder) {
        for number in 0..<table.count where occurrences[number] > 0 {
            builder.add(utf8Token: table.bytes(number), times: occurrences[number])
        }
    }

    /// Calls `body` with each distinct token's bytes, by number (0, 1, 2, …).
    public func forEachDistinctToken(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for number in 0..<table.count { body(table.bytes(number)) }
    }

    /// Text `index`'s tokens, as the numbers `forEachDistinctToken` counts in.
    public func tokens(ofText index: Int) -> ArraySlice<Int32> {
        sequence[ends[index]..<ends[index + 1]]
    }
}
