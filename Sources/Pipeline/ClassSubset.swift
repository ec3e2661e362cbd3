import Model

/// A decision restricted to some of a model's classes (`--classes a,b`): probabilities
/// renormalized over the chosen classes, which is softmax over their logits alone
/// (softmax(z)_k / Σ_{j∈S} softmax(z)_j = exp z_k / Σ_{j∈S} exp z_j).
public struct ClassSubset: Equatable, Sendable {
    /// The chosen classes' names, in the model's class order.
    public let labels: [String]
    /// Their indices among the model's classes, ascending.
    public let indices: [Int]
    /// How many classes the model has.
    public let modelClassCount: Int

    /// - Throws: `ClassSubsetError` when a name is not one of `modelLabels`, repeats, or
    ///   fewer than two classes are chosen.
    public init(names: [String], modelLabels: [String]) throws {
        var chosen = Set<Int>()
        for name in names {
            guard let index = modelLabels.firstIndex(of: name) else {
                throw ClassSubsetError.unknownClass(name, modelLabels: modelLabels)
            }
            guard chosen.insert(index).inserted else { throw ClassSubsetError.repeated(name) }
        }
        guard chosen.count >= 2 else { throw ClassSubsetError.tooFew(modelLabels: modelLabels) }
        indices = chosen.sorted()
        labels = indices.map { modelLabels[$0] }
        modelClassCount = modelLabels.count
    }

    /// Whether every class of the model is chosen (the restriction changes nothing).
    public var isWholeModel: Bool { indices.count == modelClassCount }

    /// The chosen classes' probabilities, renormalized to sum to 1. When all of them
    /// underflowed to 0 the first chosen class wins with probability 1.
    public func restrict(_ probabilities: [Float]) -> [Float] {
        ClassificationMetrics.renormalized(indices.map { probabilities[$0] })
    }

    /// The prediction among the chosen classes only.
    public func restrict(_ prediction: Prediction) -> Prediction {
        Prediction(probabilities: restrict(prediction.probabilities), labels: labels, isFromCache: prediction.isFromCache)
    }
}

/// Why `--classes` cannot be applied to a model.
public enum ClassSubsetError: Error, Equatable, CustomStringConvertible {
    case unknownClass(String, modelLabels: [String])
    case repeated(String)
    case tooFew(modelLabels: [String])

    public var description: String {
        switch self {
        case let .unknownClass(name, labels):
            return "--classes: the model has no class '\(name)'; its classes are \(labels.joined(separator: ", "))"
        case let .repeated(name):
            return "--classes: '\(name)' is given twice"
        case let .tooFew(labels):
            return "--classes: choose at least two of the model's classes (\(labels.joined(separator: ", ")))"
        }
    }
}
