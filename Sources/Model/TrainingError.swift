/// A training run that cannot start or continue because of its input: names the file
/// (and line) or the option at fault.
public struct TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
