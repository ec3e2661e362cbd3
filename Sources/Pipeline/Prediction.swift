import Model

/// The model's answer for one text.
public struct Prediction: Equatable, Sendable {
    /// One probability per class, in the model's class order.
    public var probabilities: [Float]
    /// The most probable class (the first one on a tie).
    public var labelIndex: Int
    public var label: String
    /// Whether the answer came from the cache rather than the model.
    public var isFromCache: Bool

    public init(probabilities: [Float], labels: [String], isFromCache: Bool = false) {
        self.probabilities = probabilities
        let best = argmax(probabilities)
        labelIndex = best
        label = best < labels.count ? labels[best] : String(best)
        self.isFromCache = isFromCache
    }

    /// The probability of the predicted label.
    public var confidence: Float { probabilities.isEmpty ? 0 : probabilities[labelIndex] }
}
