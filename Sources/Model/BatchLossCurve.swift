/// The training loss within one epoch, thinned for a chart: the mean loss of each run of
/// `interval` consecutive batches, with `interval` chosen so an epoch gives about
/// `pointsPerEpoch` points whatever its number of batches (every batch when there are
/// fewer). Kept in each `EpochRecord`, so a model file and a resume file carry the curve
/// of every epoch.
public struct BatchLossCurve: Codable, Equatable, Sendable {
    /// How many points an epoch aims at (the last run of batches may be shorter).
    public static let pointsPerEpoch = 32

    /// Batches in the epoch.
    public let batches: Int
    /// Batches averaged into one point.
    public let interval: Int
    /// Mean loss of batches `i·interval ..< min((i+1)·interval, batches)`, by point `i`.
    public private(set) var meanLosses: [Float] = []

    // The run of batches not yet averaged into a point. Both are back to 0 once the
    // epoch's last batch is recorded, so a finished curve equals its decoded copy.
    private var pendingSum: Double = 0
    private var pendingCount = 0

    private enum CodingKeys: String, CodingKey {
        case batches, interval, meanLosses
    }

    /// An empty curve for an epoch of `batches` batches.
    public init(batches: Int) {
        precondition(batches >= 1, "an epoch has batches")
        self.batches = batches
        interval = (batches + Self.pointsPerEpoch - 1) / Self.pointsPerEpoch
    }

    /// Adds the next batch's loss; closes a point after every `interval` batches and at
    /// the epoch's last batch.
    public mutating func record(_ loss: Float) {
        pendingSum += Double(loss)
        pendingCount += 1
        let recorded = meanLosses.count * interval + pendingCount
        if pendingCount == interval || recorded == batches {
            meanLosses.append(Float(pendingSum / Double(pendingCount)))
            pendingSum = 0
            pendingCount = 0
        }
    }

    /// How far through the epoch point `index` ends, in (0, 1]: where to draw it.
    public func epochFraction(atPoint index: Int) -> Double {
        Double(min((index + 1) * interval, batches)) / Double(batches)
    }
}
