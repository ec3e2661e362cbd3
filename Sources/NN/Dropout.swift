import Tensor

/// Inverted dropout: in training each element is kept with probability 1 − p and
/// scaled by 1/(1 − p), so evaluation is the identity.
public enum Dropout {
    /// output = input ⊙ mask, with mask (count) drawn as 0 (probability p) or 1/(1 − p).
    public static func forward(output: UnsafeMutablePointer<Float>, mask: UnsafeMutablePointer<Float>,
                               input: UnsafePointer<Float>, count: Int, probability: Float,
                               generator: inout SeededGenerator) {
        let keep = 1 / (1 - probability)
        for index in 0..<count {
            mask[index] = generator.nextUnitFloat() < probability ? 0 : keep
        }
        multiply(output, input, mask, count: count)
    }

    /// inputGradient = outputGradient ⊙ mask.
    public static func backward(inputGradient: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                                mask: UnsafePointer<Float>, count: Int) {
        multiply(inputGradient, outputGradient, mask, count: count)
    }
}
