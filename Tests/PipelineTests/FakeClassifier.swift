import Foundation
@testable import Pipeline

/// A classifier whose answer is a function of the word count, so tests can predict it:
/// ids = one per whitespace-separated word (its length); P(positive) = 1 / (1 + words).
final class FakeClassifier: TextClassifier, @unchecked Sendable {
    let labels = ["negative", "positive"]
    let fingerprint: String
    private let lock = NSLock()
    private(set) var sequencesSeen = 0
    /// The batch size asked for in each call.
    private(set) var batchSizes: [Int] = []

    init(fingerprint: String = "fake-1") {
        self.fingerprint = fingerprint
    }

    func encode(_ text: String) -> [Int32] {
        let words = text.split(whereSeparator: \.isWhitespace).map { Int32($0.count) }
        return words.isEmpty ? [1] : words
    }

    func probabilities(for encoded: [[Int32]], batchSize: Int) -> [[Float]] {
        lock.lock()
        sequencesSeen += encoded.count
        batchSizes.append(batchSize)
        lock.unlock()
        return encoded.map { Self.row(words: $0.count) }
    }

    static func row(words: Int) -> [Float] {
        let positive = 1 / Float(1 + words)
        return [1 - positive, positive]
    }
}
