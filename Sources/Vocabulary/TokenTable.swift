/// An open-addressing hash table from tokens, as UTF-8 bytes, to dense ids 0, 1, 2, …
///
/// All token bytes live back to back in one array, so looking up a token from the
/// tokenizer's byte buffer creates no `String` and allocates nothing. Linear probing
/// over a power-of-two slot array kept at most two thirds full. A token's home slot is the top
/// bits of its hash, and each slot holds the token's id beside the low half of its hash,
/// so a probe reads one slot and compares bytes only when the hashes agree.
///
/// `build(count:byteCount:tokens:)` builds a whole table at once, inserting in order of home slot:
/// the slot array is then walked front to back instead of hit at random, which for a
/// model's 80,000-token vocabulary (a 1 MB slot array, checked at every start) is the
/// difference between a cache miss per token and a few per page.
struct TokenTable: Sendable {
    /// Every token's bytes, back to back, in id order.
    private var storage: [UInt8] = []
    /// (count + 1) offsets: token `id` is `storage[offsets[id] ..< offsets[id + 1]]`.
    private var offsets: [Int] = [0]
    /// (count) each token's hash, so growing the table never rehashes bytes.
    private var hashes: [UInt64] = []
    /// (capacity) `Self.slot(id, hash)`, or `empty`.
    private var slots: [UInt64] = Array(repeating: Self.empty, count: 16)
    /// 64 − log2(capacity): a hash's home slot is `hash >> shift`.
    private var shift = 60
    private static let empty = UInt64.max

    /// A slot's contents: the low 32 bits of the hash, then the id.
    private static func slot(_ id: Int32, _ hash: UInt64) -> UInt64 {
        hash << 32 | UInt64(UInt32(bitPattern: id))
    }

    var count: Int { hashes.count }

    init() {}

    /// The tokens `storage[offsets[i] ..< offsets[i + 1]]` with ids 0, 1, 2, … (the
    /// table keeps both arrays), unless two are equal: then the first repeat in id
    /// order, as (its id, the earlier id).
    static func build(storage: [UInt8], offsets: [Int]) -> Result<TokenTable, Repeat> {
        precondition(offsets.first == 0 && offsets.last == storage.count, "offsets must span the storage")
        var table = TokenTable()
        let n = offsets.count - 1
        table.storage = storage
        table.offsets = offsets
        table.hashes = storage.withUnsafeBufferPointer { bytes in
            (0..<n).map { hash(UnsafeBufferPointer(rebasing: bytes[offsets[$0]..<offsets[$0 + 1]])) }
        }
        // At most two thirds full: 1 MB of slots for 80,000 tokens.
        var capacity = 16
        while 2 * capacity < 3 * n + 3 { capacity *= 2 }
        table.shift = 64 - capacity.trailingZeroBitCount
        table.slots = Array(repeating: empty, count: capacity)

        // Ids in order of home slot (a counting sort on the hash's top bits, stable, so
        // equal tokens keep id order), then inserted in that order.
        let bucketBits = min(12, capacity.trailingZeroBitCount)
        var bucketStarts = [Int32](repeating: 0, count: (1 << bucketBits) + 1)
        for hash in table.hashes { bucketStarts[Int(hash >> (64 - bucketBits)) + 1] += 1 }
        for bucket in 0..<(1 << bucketBits) { bucketStarts[bucket + 1] += bucketStarts[bucket] }
        var order = [Int32](repeating: 0, count: n)
        for (id, hash) in table.hashes.enumerated() {
            let bucket = Int(hash >> (64 - bucketBits))
            order[Int(bucketStarts[bucket])] = Int32(id)
            bucketStarts[bucket] += 1
        }
        var firstRepeat: Repeat?
        for id in order {
            let token = table.bytes(Int(id))
            switch table.probe(token, hash: table.hashes[Int(id)]) {
            case .found(let earlier):
                if firstRepeat.map({ id < $0.id }) ?? true { firstRepeat = Repeat(id: id, earlierID: earlier) }
            case .empty(let slot):
                table.slots[slot] = TokenTable.slot(id, table.hashes[Int(id)])
            }
        }
        if let firstRepeat { return .failure(firstRepeat) }
        return .success(table)
    }

    /// A token that occurs twice: the later id and the earlier one.
    struct Repeat: Error {
        var id: Int32
        var earlierID: Int32
    }

    /// The id of `token`, or nil if absent.
    func id(of token: UnsafeBufferPointer<UInt8>) -> Int32? {
        switch probe(token, hash: Self.hash(token)) {
        case .found(let id): return id
        case .empty: return nil
        }
    }

    /// The id of `token`, adding it with the next id if absent.
    mutating func insert(_ token: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        let hash = Self.hash(token)
        let slot: Int
        switch probe(token, hash: hash) {
        case .found(let id): return (id, false)
        case .empty(let free): slot = free
        }
        let id = Int32(count)
        storage.append(contentsOf: token)
        offsets.append(storage.count)
        hashes.append(hash)
        slots[slot] = Self.slot(id, hash)
        if 3 * count > 2 * slots.count { grow() }
        return (id, true)
    }

    private enum Probe { case found(Int32), empty(Int) }

    /// Where `token` is, or the empty slot where it would go.
    private func probe(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Probe {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            let tag = hash << 32
            var slot = Int(hash >> UInt64(shift))
            while true {
                let entry = slots[slot]
                if entry == Self.empty { return .empty(slot) }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int32(truncatingIfNeeded: entry)
                    if bytesEqual(Int(id), token) { return .found(id) }
                }
                slot = (slot + 1) & mask
            }
        }
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

    /// Token `id`'s bytes, valid while the table is not modified.
    func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        storage.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]]) }
    }

    private func bytesEqual(_ id: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id], length = offsets[id + 1] - start
        guard length == token.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            length == 0 || memcmp(stored.baseAddress! + start, token.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: Self.empty, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = Int(hashes[id] >> UInt64(shift))
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = Self.slot(Int32(id), hashes[id])
        }
    }

    /// FNV-1a over the bytes, then a final avalanche (the SplitMix64 finalizer) so that
    /// every bit of the hash depends on every byte.
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
