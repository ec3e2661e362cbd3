import Tensor

/// Inverted dropout: in training each element is kept with probability 1 − p and
/// scaled by 1/(1 − p), so evaluation is the identity.
public enum Dropout {
    /// output = input ⊙ mask, with mask (count) drawn as 0 (probability p) or 1/(1 − p).
    public static func forward(output: UnsafeMutablePointer<Float>, mask: UnsafeMutablePointer<Float>,
                               input: UnsafePointer<Float>, count: Int, probability: Float,
                               generator: inout SeededGenerator) {
        // An element is dropped when its draw u = (bits >> 40) / 2^24 is below p, that is
        // when bits >> 40 < ⌈p · 2^24⌉ (u's scaling by 2^-24 is exact). A chunk of draws
        // is taken first and then compared in a loop the compiler vectorizes: a coin flip
        // compared as it is drawn is a branch mispredicted half the time (the compiler
        // makes a branch of a scalar select here), which cost 6–9 ns an element.
        let keep = 1 / (1 - probability)
        let threshold = UInt32(dropThreshold(probability))
        var local = generator
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { draws in
            var start = 0
            while start < count {
                let length = min(256, count - start)
                for index in 0..<length {
                    draws[index] = UInt32(truncatingIfNeeded: local.next() >> 40)
                }
                let chunk = mask + start
                for index in 0..<length {
                    chunk[index] = draws[index] >= threshold ? keep : 0
                }
                start += length
            }
        }
        generator = local
        multiply(output, input, mask, count: count)
    }

    /// The count of 24-bit draws d with d / 2^24 < p: ⌈p · 2^24⌉.
    static func dropThreshold(_ probability: Float) -> UInt64 {
        UInt64((Double(probability) * 16_777_216).rounded(.up))
    }

    /// inputGradient = outputGradient ⊙ mask.
    public static func backward(inputGradient: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                                mask: UnsafePointer<Float>, count: Int) {
        multiply(inputGradient, outputGradient, mask, count: count)
    }
}
