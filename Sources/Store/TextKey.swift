import Foundation

/// The cache key of a text: SHA-256 of its normalized UTF-8 bytes.
///
/// Normalization only removes what the tokenizer ignores anyway: leading and trailing
/// ASCII whitespace, and runs of ASCII whitespace inside (space, tab, CR, LF, VT, FF)
/// become one space. So `"great  movie\n"` and `"great movie"` share a cache entry,
/// while case and punctuation (which the model may see) still tell texts apart.
public struct TextKey: Hashable, Sendable {
    /// The 32 digest bytes.
    public let digest: Data

    public init(digest: Data) {
        self.digest = digest
    }

    /// The key of `text`.
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public init(text: String) {
        var text = text
        let digestBytes: [UInt8] = text.withUTF8 { bytes in
            var hasher = SHA256()
            hasher.update(Self.normalized(bytes))
            return hasher.finalize()
        }
        digest = Data(digestBytes)
    }

    /// The normalized bytes hashed by `init(text:)`.
    static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte)
            }
        }
        return out
    }

    /// The digest as 64 hex digits.
    public var hex: String { SHA256.hex(Array(digest)) }
}
