/// A small, fast, seedable random number generator (xoshiro256**, seeded through
/// SplitMix64). The same seed gives the same stream on every platform, which is what
/// makes initialization, dropout masks and shuffling reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 24 random bits (every representable step of a Float there).
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A standard normal draw (Box–Muller; one of the pair is discarded for simplicity).
    public mutating func nextNormal() -> Float {
        let u1 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * log(1 - u1)).squareRoot()
        return Float(radius * cos(2 * Double.pi * u2))
    }

    /// Fills `values` with what `count` calls of `nextNormal()` would return, in order,
    /// and leaves the generator where they would. The draws are serial (one stream); the
    /// logarithms and cosines, most of the cost, run on both cores for a long buffer.
    public mutating func fillWithNormals(_ values: UnsafeMutableBufferPointer<Float>) {
        let block = 1 << 15
        var uniforms = [Double](repeating: 0, count: 2 * min(block, values.count))
        var start = 0
        while start < values.count {
            let count = min(block, values.count - start)
            for index in 0..<(2 * count) {
                uniforms[index] = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
            }
            uniforms.withUnsafeBufferPointer { u in
                let output = values.baseAddress! + start
                let transform = { (range: Range<Int>) in
                    for index in range {
                        let radius = (-2 * log(1 - u[2 * index])).squareRoot()
                        output[index] = Float(radius * cos(2 * Double.pi * u[2 * index + 1]))
                    }
                }
                runConcurrently({ transform(0..<(count / 2)) }, { transform((count / 2)..<count) },
                                serially: count < 4096)
            }
            start += count
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
