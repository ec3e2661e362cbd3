import Foundation
import NN

/// The bytes of a model file, kept alive for as long as tensors read from them are
/// deferred (`Float16Values`): a file's contents as read, or the default model's bytes
/// linked into the binary (static, never freed).
public final class ModelBytes: @unchecked Sendable {
    private enum Source {
        case data(Data)
        case permanent(UnsafeRawBufferPointer)
    }
    private let source: Source

    /// Bytes read from a file.
    public init(_ data: Data) { source = .data(data) }

    /// The bytes of the model file at `url`, or `ModelFileError.unreadable` naming it.
    public static func read(contentsOf url: URL) throws -> ModelBytes {
        try ModelBytes(SafetensorsFile.readBytes(of: url))
    }

    /// The model's fingerprint: `SentimentModel.fingerprint` without decoding it.
    public var digest: String { withUnsafeBytes(contentDigest) }

    /// Bytes that outlive the process's every use of them (static storage).
    init(permanent bytes: UnsafeRawBufferPointer) { source = .permanent(bytes) }

    public var count: Int {
        switch source {
        case .data(let data): data.count
        case .permanent(let bytes): bytes.count
        }
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch source {
        case .data(let data): try data.withUnsafeBytes(body)
        case .permanent(let bytes): try body(bytes)
        }
    }
}

/// A float16 tensor's values where the file holds them: widened to `Float` only when
/// copied, so a parameter backed by them (`Parameter.assign(deferred:)`) costs no memory
/// until a row of it is used.
public final class Float16Values: DeferredValues {
    public let count: Int
    private let bytes: ModelBytes
    /// Where value 0 starts in `bytes`.
    private let byteOffset: Int

    /// The `count` little-endian float16 values at `byteOffset` in `bytes`.
    init(bytes: ModelBytes, byteOffset: Int, count: Int) {
        precondition(byteOffset >= 0 && count >= 0 && byteOffset + 2 * count <= bytes.count, "float16 values outside the file")
        self.bytes = bytes
        self.byteOffset = byteOffset
        self.count = count
    }

    public func copy(from offset: Int, count: Int, into destination: UnsafeMutablePointer<Float>) {
        bytes.withUnsafeBytes { raw in
            let start = byteOffset + 2 * offset
            for index in 0..<count {
                destination[index] = float32(fromFloat16Bits: raw.loadUnaligned(fromByteOffset: start + 2 * index, as: UInt16.self))
            }
        }
    }

    /// Whether no value is infinite or NaN (a float16 with every exponent bit set is
    /// one), checked on the bits four at a time without widening, a block of 1,024
    /// values without a branch (so the loop vectorizes) before each test.
    public var allFinite: Bool {
        bytes.withUnsafeBytes { raw in
            // Per 16-bit lane: e = exponent bits ^ all-ones is 0 exactly for inf/NaN, and
            // e + 0x7FFF sets the lane's top bit exactly when e != 0 (no carry between
            // lanes: e ≤ 0x7C00).
            let exponents: UInt64 = 0x7C00_7C00_7C00_7C00
            let tops: UInt64 = 0x8000_8000_8000_8000
            var index = 0
            while index + 4 <= count {
                let words = min(256, (count - index) / 4)
                var finite = tops
                for word in 0..<words {
                    let bits = raw.loadUnaligned(fromByteOffset: byteOffset + 2 * index + 8 * word, as: UInt64.self)
                    finite &= ((bits & exponents) ^ exponents) &+ 0x7FFF_7FFF_7FFF_7FFF
                }
                if finite & tops != tops { return false }
                index += 4 * words
            }
            while index < count {
                let half = raw.loadUnaligned(fromByteOffset: byteOffset + 2 * index, as: UInt16.self)
                if half & 0x7C00 == 0x7C00 { return false }
                index += 1
            }
            return true
        }
    }
}
