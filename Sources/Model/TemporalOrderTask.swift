import NN

/// Hochreiter & Schmidhuber's temporal-order problem ("Long Short-Term Memory", 1997,
/// experiment 6a), scaled to any sequence length L: a labeled corpus whose label depends
/// on the order of two tokens far apart.
///
/// Each sequence has L tokens. All but two are distractors drawn uniformly from
/// `distractors`; the other two are markers, each `X` or `Y`: the first at a position
/// drawn uniformly from `firstMarkerPositions` (about [0.1 L, 0.2 L]), the second from
/// `secondMarkerPositions` (about [0.5 L, 0.6 L]), as the paper's 10–20 and 50–60 for
/// L ≈ 100. The class is the markers in order: `XX`, `XY`, `YX` or `YY`.
///
/// `XY` and `YX` hold the same tokens, so a bag of words (mean or max pooling over an
/// encoder that ignores order) sees the same counts of X and Y in both, and no
/// single position decides the class: a model has to carry the first marker across the
/// distractors to the second.
///
/// The paper also puts a start token B and an end token E around each sequence. They are
/// left out: the tokenizer folds case, so B would become the distractor b, and the
/// classifier knows where each sequence starts and ends from its length.
///
/// Deterministic: the same length, count and seed give the same sequences on every
/// platform (`SeededGenerator`, and bounded draws by rejection rather than by a standard
/// library algorithm that may change). Balanced: every run of four consecutive examples
/// holds each class once, in a random order, so the counts differ by at most one.
///
/// ```swift
/// for example in try TemporalOrderTask(length: 20, count: 4, seed: 1) {
///     print(example.label, example.tokens.joined(separator: " "))
/// }
/// ```
public struct TemporalOrderTask: Sequence, Sendable {
    /// The shortest sequence whose marker windows stay apart and inside it.
    public static let minimumLength = 10
    /// The longest sequence: one is built in memory (its tokens, then its text), about
    /// 20 bytes a token, so this keeps it near 2 MB; a length of a billion grew to
    /// gigabytes before the first line was written.
    public static let maximumLength = 100_000
    /// The most sequences: memory stays that of one, but the file grows with the count
    /// (2L bytes a sequence), and no experiment needs more.
    public static let maximumCount = 10_000_000
    /// The paper's length (its sequences have 100 to 110 tokens).
    public static let defaultLength = 100
    public static let defaultCount = 1000
    public static let defaultSeed: UInt64 = 42

    /// The tokens every non-marker position draws from, as in the paper.
    public static let distractors = ["a", "b", "c", "d"]
    /// The two marker tokens.
    public static let markers = ["X", "Y"]
    /// Class names by class index k: the first marker is `markers[k / 2]`, the second
    /// `markers[k % 2]`.
    public static let classes = ["XX", "XY", "YX", "YY"]

    /// Tokens per sequence (L).
    public let length: Int
    /// Sequences in the corpus.
    public let count: Int
    public let seed: UInt64

    /// - Throws: `SyntheticDataError` when `length` is outside `minimumLength...maximumLength`
    ///   or `count` outside `1...maximumCount`.
    public init(length: Int = defaultLength, count: Int = defaultCount, seed: UInt64 = defaultSeed) throws {
        guard length >= Self.minimumLength else {
            throw SyntheticDataError.sequenceTooShort(length: length, minimum: Self.minimumLength)
        }
        guard length <= Self.maximumLength else {
            throw SyntheticDataError.sequenceTooLong(length: length, maximum: Self.maximumLength)
        }
        guard count >= 1 else { throw SyntheticDataError.noExamples(count: count) }
        guard count <= Self.maximumCount else {
            throw SyntheticDataError.tooManyExamples(count: count, maximum: Self.maximumCount)
        }
        self.length = length
        self.count = count
        self.seed = seed
    }

    /// Where the first marker may sit: 0-based positions ⌊L/10⌋ … ⌊L/5⌋, both included.
    public var firstMarkerPositions: ClosedRange<Int> { length / 10...length / 5 }

    /// Where the second marker may sit: 0-based positions ⌊L/2⌋ … ⌊3L/5⌋, both included.
    public var secondMarkerPositions: ClosedRange<Int> { length / 2...3 * length / 5 }

    public func makeIterator() -> Iterator {
        Iterator(task: self)
    }

    /// Draws the examples one at a time: memory stays that of one sequence whatever
    /// `count` is.
    /// - Complexity: O(L) per example.
    public struct Iterator: IteratorProtocol, Sendable {
        let task: TemporalOrderTask
        private var generator: SeededGenerator
        private var produced = 0
        /// The classes of the current block of four, in the order they are handed out.
        private var block: [Int] = []

        init(task: TemporalOrderTask) {
            self.task = task
            generator = SeededGenerator(seed: task.seed)
        }

        public mutating func next() -> TemporalOrderExample? {
            guard produced < task.count else { return nil }
            if produced % 4 == 0 {
                // Fisher–Yates over the four classes.
                block = Array(TemporalOrderTask.classes.indices)
                for i in stride(from: block.count - 1, to: 0, by: -1) {
                    block.swapAt(i, draw(below: i + 1))
                }
            }
            let classIndex = block[produced % 4]
            produced += 1
            let first = draw(from: task.firstMarkerPositions)
            let second = draw(from: task.secondMarkerPositions)
            let markers = TemporalOrderTask.markers
            var tokens: [String] = []
            tokens.reserveCapacity(task.length)
            for position in 0..<task.length {
                switch position {
                case first: tokens.append(markers[classIndex / 2])
                case second: tokens.append(markers[classIndex % 2])
                default: tokens.append(TemporalOrderTask.distractors[draw(below: TemporalOrderTask.distractors.count)])
                }
            }
            return TemporalOrderExample(
                tokens: tokens, label: TemporalOrderTask.classes[classIndex],
                firstMarkerPosition: first, secondMarkerPosition: second)
        }

        private mutating func draw(from range: ClosedRange<Int>) -> Int {
            range.lowerBound + draw(below: range.count)
        }

        /// Uniform in 0..<bound without modulo bias: a 64-bit draw below 2⁶⁴ mod bound is
        /// rejected, so every remainder is equally likely.
        private mutating func draw(below bound: Int) -> Int {
            let bound = UInt64(bound)
            let rejected = (0 &- bound) % bound
            while true {
                let value = generator.next()
                if value >= rejected { return Int(value % bound) }
            }
        }
    }
}

/// One sequence of the temporal-order task.
public struct TemporalOrderExample: Equatable, Sendable {
    /// L tokens: distractors and the two markers.
    public var tokens: [String]
    /// `XX`, `XY`, `YX` or `YY`: the markers in order.
    public var label: String
    /// 0-based positions of the two markers in `tokens`.
    public var firstMarkerPosition: Int
    public var secondMarkerPosition: Int

    /// The tokens separated by single spaces, as a corpus row's text.
    public var text: String { tokens.joined(separator: " ") }
}
