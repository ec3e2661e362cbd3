/// Tokenizes and encodes the texts the model has to see (not blank, not cached): ICU
/// word breaks, then vocabulary ids, through the classifier's own encoder.
public struct EncodeStage<Tag>: Stage {
    public let classifier: TextClassifier

    public init(classifier: TextClassifier) {
        self.classifier = classifier
    }

    public func process(_ chunk: [LookedUpItem<Tag>]) throws -> [EncodedItem<Tag>] {
        try chunk.map { item in
            let needsModel = !item.isBlank && item.cached == nil
            return EncodedItem(lookedUp: item, ids: needsModel ? try classifier.encode(item.item.text) : nil)
        }
    }
}
