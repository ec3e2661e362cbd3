import Model

/// The trained model runs in the pipeline as it is: its encoder is thread-safe and its
/// forward pass serializes itself.
extension SentimentModel: TextClassifier {
    public func encode(_ text: String) -> [Int32] {
        encoder.encode(text)
    }
}
