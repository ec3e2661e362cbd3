/// Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix of a set
/// of predictions. A class with no predictions (or no examples) scores 0 where the
/// ratio is undefined, as scikit-learn does.
public struct ClassificationMetrics: Equatable, Sendable {
    public struct ClassScores: Equatable, Sendable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// How many examples truly belong to the class.
        public var support: Int
        /// How many examples the model put in the class.
        public var predictions: Int

        /// Whether the class occurs among the true labels or the predictions: a class with
        /// neither has no precision, recall or F1 to speak of, and is left out of `macroF1`.
        public var isScored: Bool { support > 0 || predictions > 0 }
    }

    public let labels: [String]
    /// (K, K) counts: `confusion[truth][predicted]`.
    public let confusion: [[Int]]

    /// - Parameters: `truth` and `predicted` are class indices into `labels`, same length.
    public init(labels: [String], truth: [Int], predicted: [Int]) {
        precondition(truth.count == predicted.count, "one prediction per example")
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (actual, guess) in zip(truth, predicted) { confusion[actual][guess] += 1 }
        self.labels = labels
        self.confusion = confusion
    }

    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    public var correct: Int { labels.indices.reduce(0) { $0 + confusion[$1][$1] } }

    /// Fraction of examples predicted right (0 for no examples).
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    public var perClass: [ClassScores] {
        labels.indices.map { k in
            let truePositives = Double(confusion[k][k])
            let predictions = labels.indices.reduce(0) { $0 + confusion[$1][k] }
            let support = confusion[k].reduce(0, +)
            let precision = predictions == 0 ? 0 : truePositives / Double(predictions)
            let recall = support == 0 ? 0 : truePositives / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassScores(
                label: labels[k], precision: precision, recall: recall, f1: f1, support: support, predictions: predictions)
        }
    }

    /// Unweighted mean of the per-class F1 scores of the classes that occur among the true
    /// labels or the predictions (`ClassScores.isScored`), as scikit-learn's `f1_score(average="macro")`
    /// takes them: a file of positive texts alone is not marked down for the negative
    /// class it never holds and the model never predicted. 0 for no examples.
    public var macroF1: Double {
        let scored = perClass.filter(\.isScored)
        return scored.isEmpty ? 0 : scored.reduce(0) { $0 + $1.f1 } / Double(scored.count)
    }
}

extension ClassificationMetrics {
    /// Metrics over the classes that occur in `truth`, each prediction the argmax among
    /// them, when those are at least two and fewer than the model's; otherwise over all
    /// of `labels`. This is how `eval` scores a file whose labels are a proper subset of
    /// the model's classes (SST-2 for a three-way model), and how a training run scores
    /// such a dev set: a class the set never holds would otherwise add an F1 of 0 to the
    /// macro mean (a fine-tuned three-way model read 58% macro-F1 at 88% accuracy).
    public static func overClassesPresent(labels: [String], truth: [Int], probabilities: [[Float]]) -> ClassificationMetrics {
        let scored = restrictedToClassesPresent(labels: labels, truth: truth, probabilities: probabilities)
        return ClassificationMetrics(labels: scored.labels, truth: scored.truth, predicted: argmaxRows(scored.probabilities))
    }

    /// The rows as a file that holds fewer of the model's classes is scored: restricted to
    /// the classes `truth` holds (`classesPresent`), probabilities renormalized over them
    /// and `truth` as positions among them; unchanged when it holds every class.
    public static func restrictedToClassesPresent(labels: [String], truth: [Int], probabilities: [[Float]])
        -> (labels: [String], truth: [Int], probabilities: [[Float]])
    {
        guard let present = classesPresent(in: truth, of: labels.count) else { return (labels, truth, probabilities) }
        let restricted = restrict(probabilities, truth: truth, to: present)
        return (present.map { labels[$0] }, restricted.truth, restricted.rows.map(renormalized))
    }

    /// Each row's values for the classes `present` only (probabilities or logits; the
    /// argmax among them, or softmax over their logits alone), and `truth` as positions in
    /// `present`, which must hold every class of `truth`: how a file with fewer classes
    /// than the model is scored (`overClassesPresent`) and calibrated (`Recalibration`).
    static func restrict(_ rows: [[Float]], truth: [Int], to present: [Int]) -> (rows: [[Float]], truth: [Int]) {
        let position = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
        return (rows.map { row in present.map { row[$0] } }, truth.map { position[$0]! })
    }

    /// `probabilities` of some classes renormalized to sum to 1: softmax over those classes'
    /// logits alone (softmax(z)_k / Σ_{j∈S} softmax(z)_j = exp z_k / Σ_{j∈S} exp z_j). When
    /// all of them underflowed to 0 the first wins with probability 1.
    public static func renormalized(_ probabilities: [Float]) -> [Float] {
        let sum = probabilities.reduce(0, +)
        guard sum > 0 else { return probabilities.indices.map { $0 == 0 ? 1 : 0 } }
        return probabilities.map { $0 / sum }
    }

    /// The classes that occur in `truth`, ascending, when they are at least two and fewer
    /// than `classCount`; nil when the metrics should cover every class.
    public static func classesPresent(in truth: [Int], of classCount: Int) -> [Int]? {
        let present = Set(truth).sorted()
        return present.count >= 2 && present.count < classCount ? present : nil
    }
}

/// The index of the largest value (the first on a tie; 0 for an empty row): the one
/// argmax of the package, for predictions, metrics and calibration alike.
public func argmax(_ row: [Float]) -> Int {
    var best = 0
    for k in row.indices where row[k] > row[best] { best = k }
    return best
}

/// `argmax` of each row of a (N, K) matrix.
public func argmaxRows(_ rows: [[Float]]) -> [Int] {
    rows.map(argmax)
}

/// A fraction as a percentage with two decimals (`0.8968` → `89.68%`), as every line,
/// report and card prints one (the `init:` line printed one decimal beside the epoch
/// lines' two).
public func percent(_ fraction: Double) -> String {
    String(format: "%.2f%%", fraction * 100)
}
