import Corpus

/// A starting model's classes, kept by fine-tuning: names, the labels they were trained
/// from, and their aliases.
public struct KeptClasses: Sendable {
    public var labels: [String]
    public var sourceLabels: [String]?
    public var aliases: [String: String]

    public init(labels: [String], sourceLabels: [String]?, aliases: [String: String] = [:]) {
        self.labels = labels
        self.sourceLabels = sourceLabels
        self.aliases = aliases
    }
}

/// Maps a corpus label to a class index: by class name, else by the label the class was
/// trained from (so a model trained on SST-2's `0`/`1` as `negative`/`positive` evaluates
/// files labeled either way).
public struct LabelMapping: Sendable {
    public let labels: [String]
    public let sourceLabels: [String]?
    /// Other spellings of class names (`"0": "negative"`).
    public let aliases: [String: String]

    public init(labels: [String], sourceLabels: [String]?, aliases: [String: String]? = nil) {
        self.labels = labels
        self.sourceLabels = sourceLabels
        self.aliases = aliases ?? [:]
    }

    /// The mapping a model's file records: its classes, the labels it was trained from,
    /// and its label aliases.
    public init(model configuration: ModelConfiguration, labels: [String]) {
        self.init(labels: labels, sourceLabels: configuration.sourceLabels, aliases: configuration.labelAliases)
    }

    public func classIndex(of label: String) -> Int? {
        labels.firstIndex(of: label) ?? sourceLabels?.firstIndex(of: label)
            ?? aliases[label].flatMap { labels.firstIndex(of: $0) }
    }

    /// Class indices of `rows`; an unknown label is an error naming its file and line.
    public func classIndices(_ rows: [LabeledText]) throws -> [Int] {
        try rows.map { row in
            guard let index = classIndex(of: row.label) else {
                throw TrainingError("\(row.file):\(row.line): label '\(row.label)' is not one of the model's labels (\(labels.joined(separator: ", ")))")
            }
            return index
        }
    }
}
