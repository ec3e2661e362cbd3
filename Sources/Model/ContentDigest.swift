/// A 128-bit non-cryptographic digest of bytes, as 32 hex digits: a model's fingerprint.
///
/// Two independent 64-bit lanes each absorb every 8-byte word with multiply–rotate
/// rounds (the xxHash round shape, different seeds and primes per lane), then a
/// splitmix-style avalanche mixes in the length. It tells model files apart in the
/// prediction cache; it is not meant to resist a forger.
/// - Complexity: O(n), about a byte per cycle.
public func contentDigest(_ bytes: UnsafeRawBufferPointer) -> String {
    let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    var lane1: UInt64 = 0x243F_6A88_85A3_08D3
    var lane2: UInt64 = 0x1319_8A2E_0370_7344

    @inline(__always) func round(_ state: UInt64, _ word: UInt64, _ prime: UInt64) -> UInt64 {
        let mixed = state &+ word &* prime2
        return ((mixed << 31) | (mixed >> 33)) &* prime
    }

    let wordCount = bytes.count / 8
    for index in 0..<wordCount {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
        lane1 = round(lane1, word, prime1)
        lane2 = round(lane2, word ^ lane1, prime3)
    }
    // The last 0–7 bytes, as one word with its length folded in.
    var tail: UInt64 = 0
    for index in (8 * wordCount)..<bytes.count {
        tail |= UInt64(bytes[index]) << (8 * UInt64(index - 8 * wordCount))
    }
    lane1 = round(lane1, tail ^ UInt64(bytes.count - 8 * wordCount), prime1)
    lane2 = round(lane2, tail ^ lane1, prime3)

    func avalanche(_ value: UInt64) -> UInt64 {
        var z = value &+ UInt64(bytes.count) &* prime1
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    let high = avalanche(lane1 ^ (lane2 >> 17))
    let low = avalanche(lane2 ^ high)
    return hex(high) + hex(low)
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
