/// The one color scale of attributions in every format: green for a token that pushes
/// toward the explained class, red for one that pushes against it, from a pale tint to a
/// deep shade as |attribution| grows to the text's largest. Text on it is dark on the
/// pale half and white on the deep half, so every token stays readable.
struct AttributionColor: Equatable {
    var red: Int, green: Int, blue: Int
    /// Whether text on this background should be white (else near-black).
    var wantsLightText: Bool
    /// Where on the scale: 0 (palest) to 1 (deepest).
    var strength: Float
    /// Green (toward the explained class) or red (against it).
    var isToward: Bool

    /// Shares below this (of the largest |attribution|) get no color: noise, not signal.
    static let threshold: Float = 0.04

    /// The color of `attribution` on a scale whose largest |value| is `scale`; nil when it
    /// is too small to mark.
    init?(_ attribution: Float, scale: Float) {
        let share = min(abs(attribution) / max(scale, 1e-12), 1)
        guard share >= Self.threshold, attribution.isFinite else { return nil }
        // Pale tint → deep shade (Tailwind's green-100 → green-700, red-100 → red-700).
        let (pale, deep) = attribution > 0
            ? ((220, 252, 231), (21, 128, 61))
            : ((254, 226, 226), (185, 28, 28))
        // A square root spreads the small shares, which most tokens have, over more of the scale.
        let t = share.squareRoot()
        func mix(_ a: Int, _ b: Int) -> Int { Int((Float(a) + (Float(b) - Float(a)) * t).rounded()) }
        red = mix(pale.0, deep.0)
        green = mix(pale.1, deep.1)
        blue = mix(pale.2, deep.2)
        wantsLightText = t > 0.6
        strength = t
        isToward = attribution > 0
    }

    /// The nearest of five hand-picked steps of the 256-color palette (its 6×6×6 cube
    /// has no pale green: the nearest cube color to green-100 is a cyan).
    var palette256: Int {
        let ramp = isToward ? [194, 157, 114, 71, 28] : [224, 217, 174, 167, 124]
        return ramp[min(ramp.count - 1, Int(strength * Float(ramp.count)))]
    }

    /// `#15803d`
    var hex: String {
        "#" + [red, green, blue].map { value in
            let digits = String(value, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
