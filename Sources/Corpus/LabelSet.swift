/// The classes of a corpus in a stable order: the order a model stores its labels in
/// and numbers its outputs by.
///
/// Integer labels (SST-5's `0`…`4`, `-1`/`1`) are ordered numerically, so that class
/// `k` is label `k`; any other labels are sorted by their UTF-8 bytes
/// (`negative`, `neutral`, `positive`).
public struct LabelSet: Codable, Equatable, Sendable {
    /// The label names in class order.
    public let names: [String]
    private let indices: [String: Int]

    /// The labels in the order given (as stored in a model file); duplicates are dropped.
    public init(names: [String]) {
        var seen: Set<String> = []
        self.names = names.filter { seen.insert($0).inserted }
        self.indices = Dictionary(uniqueKeysWithValues: self.names.enumerated().map { ($1, $0) })
    }

    /// The distinct labels among `labels`, in class order (see the type's description).
    /// - Complexity: O(n + k log k) for n labels with k distinct values.
    public init(inferringFrom labels: [String]) {
        let distinct = Array(Set(labels))
        let numbers = distinct.map { Int($0) }
        if !distinct.isEmpty, numbers.allSatisfy({ $0 != nil }) {
            // `1` and `01` are the same number but different labels: the text breaks ties.
            let ordered = zip(distinct, numbers).sorted { a, b in
                a.1! != b.1! ? a.1! < b.1! : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
            }
            self.init(names: ordered.map(\.0))
        } else {
            self.init(names: distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    /// How many classes.
    public var count: Int { names.count }

    /// The class index of `label`, or nil if it is not one of these labels.
    public func index(of label: String) -> Int? {
        indices[label]
    }

    private enum CodingKeys: String, CodingKey { case names }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(names: try container.decode([String].self, forKey: .names))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
    }

    public static func == (lhs: LabelSet, rhs: LabelSet) -> Bool {
        lhs.names == rhs.names
    }
}
