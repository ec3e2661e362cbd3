/// Where one time step of one direction sits in a packed batch, and which of its rows
/// continue a state: what every cell's time loop needs, computed in one place.
///
/// Rows are sorted longest first, so the rows that carry a state in from the step
/// before (and out to the step after) are always a prefix of the step's rows.
public struct RecurrentStep {
    /// t, the time index this step processes.
    public let time: Int
    /// Sequences active at t.
    public let rows: Int
    /// First packed row of t.
    public let offset: Int
    /// Rows `0..<previousRows` continue from the step processed before (0 at the first);
    /// the others start from a zero state.
    public let previousRows: Int
    /// First packed row of the step processed before.
    public let previousOffset: Int
    /// Rows `0..<carriedRows` are continued by the step processed after (0 at the last),
    /// so backward carries a gradient into them.
    public let carriedRows: Int
}

extension PackedLayout {
    /// The `step`-th step in processing order: time `step` forward, `T − 1 − step` in reverse.
    @inline(__always)
    public func recurrentStep(_ step: Int, isReverse: Bool) -> RecurrentStep {
        let t = isReverse ? maxLength - 1 - step : step
        let rows = batchSizes[t]
        var previousRows = 0, previousOffset = 0, carriedRows = 0
        if step > 0 {
            let previousT = isReverse ? t + 1 : t - 1
            previousRows = min(rows, batchSizes[previousT])
            previousOffset = offsets[previousT]
        }
        if step < maxLength - 1 {
            carriedRows = min(rows, batchSizes[isReverse ? t - 1 : t + 1])
        }
        return RecurrentStep(time: t, rows: rows, offset: offsets[t], previousRows: previousRows,
                             previousOffset: previousOffset, carriedRows: carriedRows)
    }
}
