import Tensor

/// Models fine-tuned from one starting model, averaged weight by weight into one model of
/// the same size and cost (a "model soup", Wortsman et al. 2022). Averaging is only
/// meaningful for models that share a starting point; what can be checked is that the
/// ingredients have one shape: the same network (dropout aside, which is no weight),
/// tokenizer, token limit, labels and vocabulary, id for id.
///
/// The soup has no temperature of its own (its ingredients' temperatures were fitted to
/// their own logits): fit one with `sentiment calibrate`. Offsets that an ingredient's
/// calibration folded into `fc.bias` are averaged with the rest of the bias.
public enum ModelSoup {
    /// The mean of `ingredients`' parameters (in Float, in the order given), stored as the
    /// first ingredient stores its weights. The card is the first ingredient's without its
    /// training record and calibration, naming every ingredient instead, each with its own
    /// training record.
    /// - Throws: `ModelSoupError` naming the first ingredient that differs from the first.
    public static func average(_ ingredients: [SentimentModel]) throws -> SentimentModelFile {
        guard let first = ingredients.first, ingredients.count >= 2 else { throw ModelSoupError.tooFew }
        for model in ingredients.dropFirst() {
            if let difference = difference(between: first, and: model) {
                throw ModelSoupError.mismatch(file: model.source, with: first.source, difference: difference)
            }
        }
        let scale = 1 / Float(ingredients.count)
        let tensors = first.classifier.parameters.enumerated().map { index, parameter in
            var mean = parameter.value
            mean.withUnsafeMutableBufferPointer { mean in
                for model in ingredients.dropFirst() {
                    model.classifier.parameters[index].value.withUnsafeBufferPointer {
                        addInPlace(mean.baseAddress!, $0.baseAddress!, count: mean.count)
                    }
                }
                scaleInPlace(mean.baseAddress!, by: scale, count: mean.count)
            }
            return SafetensorsTensor(name: parameter.name, storage: first.configuration.storage, shape: parameter.shape, values: mean)
        }
        var configuration = first.configuration
        configuration.training = nil
        configuration.calibration = nil
        configuration.soup = ingredients.map {
            SoupIngredientRecord(file: $0.source, fingerprint: $0.fingerprint, training: $0.configuration.training)
        }
        return SentimentModelFile(configuration: configuration, labels: first.labels, vocabulary: first.vocabulary, tensors: tensors)
    }

    /// What keeps `b` out of a soup with `a`, in a few words; nil when they match.
    private static func difference(between a: SentimentModel, and b: SentimentModel) -> String? {
        let x = a.configuration, y = b.configuration
        if a.labels != b.labels {
            return "the classes differ (\(b.labels.joined(separator: ", ")) against \(a.labels.joined(separator: ", ")))"
        }
        // Dropout is a training setting, not a weight: the soup keeps the first model's.
        var network = y.network
        network.dropout = x.network.dropout
        if x.network != network { return "the networks differ" }
        if x.tokenizer != y.tokenizer { return "the tokenizer options differ" }
        if x.maxLength != y.maxLength { return "the token limits differ" }
        if a.vocabulary.tokens != b.vocabulary.tokens { return "the vocabularies differ" }
        return nil
    }
}

public enum ModelSoupError: Error, Equatable, CustomStringConvertible {
    case tooFew
    case mismatch(file: String, with: String, difference: String)

    public var description: String {
        switch self {
        case .tooFew:
            "a soup needs at least two models"
        case let .mismatch(file, first, difference):
            "\(file): cannot be averaged with \(first): \(difference)"
        }
    }
}
