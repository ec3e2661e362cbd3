/// An open-addressing hash table from tokens, as UTF-8 bytes, to dense ids 0, 1, 2, …
///
/// All token bytes live back to back in one array, so looking up a token from the
/// tokenizer's byte buffer creates no `String` and allocates nothing. Linear probing
/// over a power-of-two slot array kept at most half full.
struct TokenTable: Sendable {
    /// Every token's bytes, back to back, in id order.
    private var storage: [UInt8] = []
    /// (count + 1) offsets: token `id` is `storage[offsets[id] ..< offsets[id + 1]]`.
    private var offsets: [Int] = [0]
    /// (count) each token's hash, so growing the table never rehashes bytes.
    private var hashes: [UInt64] = []
    /// (capacity) an id, or -1 for an empty slot.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    var count: Int { hashes.count }

    /// The id of `token`, or nil if absent.
    func id(of token: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(token)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash && bytesEqual(Int(id), token) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `token`, adding it with the next id if absent.
    mutating func insert(_ token: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        let hash = Self.hash(token)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && bytesEqual(Int(id), token) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        storage.append(contentsOf: token)
        offsets.append(storage.count)
        hashes.append(hash)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The id of `token`, or nil if absent.
    func id(of token: String) -> Int32? {
        var token = token
        return token.withUTF8 { id(of: $0) }
    }

    @discardableResult
    mutating func insert(_ token: String) -> (id: Int32, inserted: Bool) {
        var token = token
        return token.withUTF8 { insert($0) }
    }

    /// The token with `id`, decoded from its bytes.
    func token(_ id: Int) -> String {
        String(decoding: storage[offsets[id]..<offsets[id + 1]], as: UTF8.self)
    }

    /// Whether token `a`'s bytes sort before token `b`'s (byte order, shorter first on a tie).
    func bytesPrecede(_ a: Int, _ b: Int) -> Bool {
        storage[offsets[a]..<offsets[a + 1]].lexicographicallyPrecedes(storage[offsets[b]..<offsets[b + 1]])
    }

    private func bytesEqual(_ id: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id], length = offsets[id + 1] - start
        guard length == token.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            length == 0 || memcmp(stored.baseAddress! + start, token.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the bytes, then a final avalanche (the SplitMix64 finalizer) so that
    /// the low bits used for the slot index depend on every byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
