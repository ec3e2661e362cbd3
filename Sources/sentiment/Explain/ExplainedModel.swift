import Model

/// What every format says about the model, beside each explanation.
struct ExplainedModel {
    /// The model file, or `<embedded default model>`.
    let source: String
    let labels: [String]
    /// `lstm`, `peephole`, `gru` or `rnn`.
    let cell: String
    let layers: Int
    let directions: Int
    let hiddenSize: Int
    let maxLength: Int?

    init(_ model: SentimentModel) {
        let config = model.classifier.config
        source = model.source
        labels = model.labels
        cell = config.cell.rawValue
        layers = config.layers
        directions = config.directions
        hiddenSize = config.hiddenSize
        maxLength = model.encoder.maxLength
    }

    /// How many of a long text's tokens the model keeps from its start (the rest of
    /// `maxLength` come from its end), read off `Model.truncatedHeadAndTail` itself.
    var headTokens: Int? {
        guard let maxLength else { return nil }
        let kept = truncatedHeadAndTail(Array(0...maxLength), maxLength: maxLength)
        return zip(kept, 0...).prefix { $0 == $1 }.count
    }

    /// For notes on truncated texts: "the first 100 and the last 300 tokens".
    var truncationDescription: String? {
        guard let maxLength, let headTokens else { return nil }
        return "the first \(headTokens) and the last \(maxLength - headTokens) tokens"
    }
}
