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
    /// `maxLength` come from its end).
    var headTokens: Int? {
        maxLength.map { truncationHeadCount(maxLength: $0) }
    }

    /// For notes on truncated texts: "the first 100 and the last 300 tokens".
    var truncationDescription: String? {
        guard let maxLength, let headTokens else { return nil }
        return "the first \(headTokens) and the last \(maxLength - headTokens) tokens"
    }
}
