import Store

// The typed values between the stages of a classification, for one input item. `Tag`
// is the caller's: where the text came from (a path, a line number), carried through.

/// A text to classify.
public struct TextItem<Tag> {
    public var tag: Tag
    public var text: String

    public init(tag: Tag, text: String) {
        self.tag = tag
        self.text = text
    }

    /// Blank texts get an empty result, not a prediction.
    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

/// After the cache lookup: the key (when caching) and the cached answer, if any.
public struct LookedUpItem<Tag> {
    public var item: TextItem<Tag>
    public var key: TextKey?
    public var cached: CachedPrediction?
    public var isBlank: Bool
}

/// After encoding: token ids for the texts the model has to see.
public struct EncodedItem<Tag> {
    public var lookedUp: LookedUpItem<Tag>
    /// nil for blank texts and cache hits.
    public var ids: [Int32]?
}

/// The result: the prediction (nil for a blank text) beside the input.
public struct ClassifiedItem<Tag> {
    public var tag: Tag
    public var text: String
    public var prediction: Prediction?
    /// The cache key, for a fresh prediction that still has to be written.
    var keyToStore: TextKey?
}
