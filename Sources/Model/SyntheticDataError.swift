/// Parameters that make no synthetic corpus.
public enum SyntheticDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Too short a sequence for the task's marker windows.
    case sequenceTooShort(length: Int, minimum: Int)
    /// Too long a sequence to build in memory.
    case sequenceTooLong(length: Int, maximum: Int)
    /// Fewer than one example asked for.
    case noExamples(count: Int)
    /// More examples than any experiment needs (and a file of that many sequences).
    case tooManyExamples(count: Int, maximum: Int)

    public var description: String {
        switch self {
        case let .sequenceTooShort(length, minimum):
            return "temporal-order: the length must be at least \(minimum) (markers sit in [0.1 L, 0.2 L] and [0.5 L, 0.6 L]), not \(length)"
        case let .sequenceTooLong(length, maximum):
            return "temporal-order: the length must be at most \(maximum) (a sequence is built in memory), not \(length)"
        case let .noExamples(count):
            return "temporal-order: the count must be at least 1, not \(count)"
        case let .tooManyExamples(count, maximum):
            return "temporal-order: the count must be at most \(maximum), not \(count)"
        }
    }
}
