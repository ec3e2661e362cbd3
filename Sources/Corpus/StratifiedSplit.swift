/// Splits `rows` in two with each label in the same proportion in both parts: for every
/// label, `round(n × fraction)` of its n rows, picked by a shuffle seeded with `seed`, go
/// to `held` (at least one and at most n − 1 when n ≥ 2 and `fraction` > 0); the rest go
/// to `train`. Both parts keep the rows' original order. The same rows, fraction and
/// seed always give the same split, on every platform.
///
/// - Parameters:
///   - fraction: the share to hold out, clamped to 0...1 (0.1 for a 10% dev split).
///   - seed: any value; the shuffle uses SplitMix64, not the system generator.
/// - Complexity: O(n).
public func stratifiedSplit(_ rows: [LabeledText], fraction: Double, seed: UInt64)
    -> (train: [LabeledText], held: [LabeledText])
{
    let fraction = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
    var indicesByLabel: [String: [Int]] = [:]
    for (index, row) in rows.enumerated() {
        indicesByLabel[row.label, default: []].append(index)
    }
    var random = SplitMix64(seed: seed)
    var isHeld = [Bool](repeating: false, count: rows.count)
    // Labels in class order, so the generator's draws do not depend on dictionary order.
    for label in LabelSet(inferringFrom: Array(indicesByLabel.keys)).names {
        var indices = indicesByLabel[label]!
        let n = indices.count
        var heldCount = Int((Double(n) * fraction).rounded())
        if fraction > 0 && n >= 2 { heldCount = min(max(heldCount, 1), n - 1) }
        if fraction == 1 { heldCount = n }
        // The first `heldCount` places of a Fisher–Yates shuffle.
        for place in 0..<heldCount {
            let pick = place + random.next(below: n - place)
            indices.swapAt(place, pick)
            isHeld[indices[place]] = true
        }
    }
    var train: [LabeledText] = [], held: [LabeledText] = []
    for (index, row) in rows.enumerated() {
        if isHeld[index] { held.append(row) } else { train.append(row) }
    }
    return (train, held)
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by the
/// seed alone, so splits are reproducible across platforms and Swift versions.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound by the multiply-high method (Lemire); the bias, below
    /// bound / 2⁶⁴, is immaterial for shuffling data sets.
    mutating func next(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
