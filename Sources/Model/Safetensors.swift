import Files
import Foundation

#if _endian(big)
#error("safetensors stores little-endian values; this reader copies them as they are")
#endif

/// How a tensor's values are stored in the file.
public enum TensorStorage: String, Codable, CaseIterable, Sendable {
    case float32 = "F32"
    case float16 = "F16"

    /// Bytes per value.
    public var byteCount: Int { self == .float32 ? 4 : 2 }
}

/// One named tensor of a safetensors file, with its values widened to `Float`.
public struct SafetensorsTensor: Equatable, Sendable {
    public var name: String
    public var storage: TensorStorage
    public var shape: [Int]
    private var contents: Contents

    private enum Contents: Sendable {
        case widened([Float])
        /// Float16 values still in the file's bytes (`parse(_:file:keeping:)`).
        case float16(Float16Values)
    }

    public init(name: String, storage: TensorStorage, shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        self.name = name
        self.storage = storage
        self.shape = shape
        contents = .widened(values)
    }

    init(name: String, shape: [Int], float16 values: Float16Values) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        self.name = name
        storage = .float16
        self.shape = shape
        contents = .float16(values)
    }

    /// Row-major values; `product(shape)` of them. Float16 tensors are widened exactly
    /// (on each read, for a tensor still in the file's bytes).
    public var values: [Float] {
        get {
            switch contents {
            case .widened(let values): values
            case .float16(let values): values.widened()
            }
        }
        set {
            precondition(newValue.count == shape.reduce(1, *), "\(name): \(newValue.count) values for shape \(shape)")
            contents = .widened(newValue)
        }
    }

    /// The values still in the file's float16 bytes, for a parameter to defer to; nil
    /// once widened.
    public var deferredValues: Float16Values? {
        if case .float16(let values) = contents { values } else { nil }
    }

    /// Whether every value is finite (checked on the float16 bits when not widened).
    public var allFinite: Bool {
        switch contents {
        case .widened(let values): values.allSatisfy(\.isFinite)
        case .float16(let values): values.allFinite
        }
    }

    public static func == (a: SafetensorsTensor, b: SafetensorsTensor) -> Bool {
        a.name == b.name && a.storage == b.storage && a.shape == b.shape && a.values == b.values
    }
}

/// A safetensors file: an 8-byte little-endian header length, a JSON header mapping each
/// tensor name to `{dtype, shape, data_offsets}` (plus an optional `__metadata__` object of
/// string → string), then the tensors' bytes, back to back.
///
/// Reading validates everything it relies on and throws `ModelFileError` naming the file;
/// no input makes it crash.
public struct SafetensorsFile: Equatable, Sendable {
    public var metadata: [String: String]
    /// In file order (the order they were written).
    public var tensors: [SafetensorsTensor]

    /// Headers larger than this are not something we wrote: refuse rather than allocate.
    static let maximumHeaderLength = 100 << 20

    public init(metadata: [String: String], tensors: [SafetensorsTensor]) {
        self.metadata = metadata
        self.tensors = tensors
    }

    public func tensor(named name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }

    // MARK: Reading

    /// Reads and validates the file at `url`.
    public static func read(contentsOf url: URL) throws -> SafetensorsFile {
        let bytes = try readBytes(of: url)
        return try bytes.withUnsafeBytes { try parse($0, file: url.relativePath) }
    }

    /// The bytes of the file at `url`, or `ModelFileError.unreadable`.
    /// Errors name the file as it was given (`url.relativePath`), as the user typed it.
    static func readBytes(of url: URL) throws -> Data {
        let name = url.relativePath
        switch FileKind(path: url.path) {
        case .regularFile: break
        case .missing: throw ModelFileError(file: name, problem: .unreadable("no such file"))
        case .folder: throw ModelFileError(file: name, problem: .unreadable("is a directory"))
        case .inaccessible(let reason): throw ModelFileError(file: name, problem: .unreadable(reason))
        // A model is read whole and fingerprinted by its bytes: a device or FIFO is not one.
        case let kind: throw ModelFileError(file: name, problem: .unreadable("it is \(kind), not a model file"))
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            // Foundation's text ("You don't have permission.") hides the cause; errno names it.
            let reason = access(url.path, R_OK) == 0 ? error.localizedDescription : String(cString: strerror(errno))
            throw ModelFileError(file: name, problem: .unreadable(reason))
        }
    }

    /// Parses safetensors bytes. `file` names the source in errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> SafetensorsFile {
        try parse(bytes, file: file, keeping: nil)
    }

    /// Parses a file's bytes; its float16 tensors stay in `bytes` (deferred, widened on
    /// use) instead of being widened now.
    public static func parse(_ bytes: ModelBytes, file: String) throws -> SafetensorsFile {
        try bytes.withUnsafeBytes { try parse($0, file: file, keeping: bytes) }
    }

    /// `owner`, when given, holds `bytes` and keeps them alive for deferred tensors.
    private static func parse(_ bytes: UnsafeRawBufferPointer, file: String, keeping owner: ModelBytes?) throws -> SafetensorsFile {
        func fail(_ problem: ModelFileError.Problem) -> ModelFileError {
            ModelFileError(file: file, problem: problem)
        }
        if bytes.isEmpty { throw fail(.notSafetensors("the file is empty")) }
        if bytes.count < 8 { throw fail(.notSafetensors("\(bytes.count) bytes, shorter than a header")) }

        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[index]) }
        // The JSON header must open with '{'; anything else (text, gzip, a PNG) is not ours.
        if bytes.count > 8 && bytes[8] != UInt8(ascii: "{") {
            throw fail(.notSafetensors("no JSON header after the length prefix"))
        }
        guard headerLength >= 2, headerLength <= UInt64(maximumHeaderLength) else {
            throw fail(.notSafetensors("implausible header length \(headerLength)"))
        }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= bytes.count else {
            throw fail(.truncated(expected: headerEnd, actual: bytes.count))
        }

        let json: Any
        do {
            json = try HeaderJSON.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<headerEnd]))
        } catch {
            throw fail(.badHeader("the header is not valid JSON"))
        }
        guard let header = json as? [String: Any] else {
            throw fail(.badHeader("the header is not a JSON object"))
        }

        var metadata: [String: String] = [:]
        if let rawMetadata = header["__metadata__"] {
            guard let entries = rawMetadata as? [String: Any] else {
                throw fail(.badHeader("__metadata__ is not an object"))
            }
            for (key, value) in entries {
                guard let text = value as? String else {
                    throw fail(.badHeader("__metadata__ value for '\(key)' is not a string"))
                }
                metadata[key] = text
            }
        }

        struct Entry { var name: String; var storage: TensorStorage; var shape: [Int]; var begin: Int; var end: Int }
        var entries: [Entry] = []
        for (name, rawInfo) in header where name != "__metadata__" {
            guard let info = rawInfo as? [String: Any] else {
                throw fail(.badHeader("entry '\(name)' is not an object"))
            }
            guard let dtype = info["dtype"] as? String else {
                throw fail(.badHeader("tensor '\(name)' has no dtype"))
            }
            guard let storage = TensorStorage(rawValue: dtype) else {
                throw fail(.badHeader("tensor '\(name)' has dtype \(dtype); only F32 and F16 are supported"))
            }
            guard let shape = nonNegativeIntegers(info["shape"]) else {
                throw fail(.badHeader("tensor '\(name)' has no valid shape"))
            }
            guard let offsets = nonNegativeIntegers(info["data_offsets"]), offsets.count == 2, offsets[0] <= offsets[1] else {
                throw fail(.badHeader("tensor '\(name)' has no valid data_offsets"))
            }
            var elementCount = 1
            for dimension in shape {
                let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= Int(Int32.max) else {
                    throw fail(.badHeader("tensor '\(name)' shape \(shape) is too large"))
                }
                elementCount = product
            }
            guard offsets[1] - offsets[0] == elementCount * storage.byteCount else {
                throw fail(.badHeader(
                    "tensor '\(name)' spans \(offsets[1] - offsets[0]) bytes; shape \(shape) in \(dtype) needs \(elementCount * storage.byteCount)"))
            }
            entries.append(Entry(name: name, storage: storage, shape: shape, begin: offsets[0], end: offsets[1]))
        }

        // The tensors must tile the data section exactly: no gaps, no overlaps, no tail.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        let dataLength = bytes.count - headerEnd
        let promised = entries.last?.end ?? 0
        if promised > dataLength {
            throw fail(.truncated(expected: headerEnd + promised, actual: bytes.count))
        }
        var expectedBegin = 0
        for entry in entries {
            guard entry.begin == expectedBegin else {
                throw fail(.badHeader("tensor '\(entry.name)' starts at byte \(entry.begin), expected \(expectedBegin)"))
            }
            expectedBegin = entry.end
        }
        if promised < dataLength {
            throw fail(.badHeader("\(dataLength - promised) bytes follow the last tensor"))
        }

        let data = UnsafeRawBufferPointer(rebasing: bytes[headerEnd...])
        let tensors = entries.map { entry -> SafetensorsTensor in
            let count = (entry.end - entry.begin) / entry.storage.byteCount
            if entry.storage == .float16, let owner {
                let values = Float16Values(bytes: owner, byteOffset: headerEnd + entry.begin, count: count)
                return SafetensorsTensor(name: entry.name, shape: entry.shape, float16: values)
            }
            let source = UnsafeRawBufferPointer(rebasing: data[entry.begin..<entry.end])
            let values: [Float]
            switch entry.storage {
            case .float32:
                values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source) }
                    initialized = count
                }
            case .float16:
                values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for index in 0..<count {
                        buffer[index] = float32(fromFloat16Bits: source.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self))
                    }
                    initialized = count
                }
            }
            return SafetensorsTensor(name: entry.name, storage: entry.storage, shape: entry.shape, values: values)
        }
        return SafetensorsFile(metadata: metadata, tensors: tensors)
    }

    /// `[Int]` from a JSON array of non-negative integers, else nil.
    private static func nonNegativeIntegers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in array {
            guard let number = element as? NSNumber else { return nil }
            let double = number.doubleValue
            guard double >= 0, double <= Double(Int32.max) * 4, double == double.rounded(.towardZero) else { return nil }
            result.append(Int(double))
        }
        return result
    }

    // MARK: Writing

    /// The file's bytes: tensors in their array order, header padded with spaces to a
    /// multiple of 8 so the data section stays aligned.
    public func serialized() -> [UInt8] {
        var header = "{"
        if !metadata.isEmpty {
            header += "\"__metadata__\":{"
            header += metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
                .joined(separator: ",")
            header += "}"
        }
        var offset = 0
        // (Not `header.count > 1`: counting a String's characters walks it, and the
        // metadata holds the whole vocabulary.)
        var separator = metadata.isEmpty ? "" : ","
        for tensor in tensors {
            let length = tensor.values.count * tensor.storage.byteCount
            header += separator
            separator = ","
            header += "\(jsonString(tensor.name)):{\"dtype\":\"\(tensor.storage.rawValue)\","
            header += "\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],"
            header += "\"data_offsets\":[\(offset),\(offset + length)]}"
            offset += length
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        var length = UInt64(headerBytes.count)
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: length))
            length >>= 8
        }
        bytes += headerBytes
        for tensor in tensors {
            switch tensor.storage {
            case .float32:
                tensor.values.withUnsafeBytes { bytes += $0 }
            case .float16:
                for value in tensor.values {
                    let half = float16Bits(value)
                    bytes.append(UInt8(truncatingIfNeeded: half))
                    bytes.append(UInt8(truncatingIfNeeded: half >> 8))
                }
            }
        }
        return bytes
    }

    /// Writes the file atomically: a temporary file beside `url`, flushed to disk, then
    /// renamed over it, so a crash or Ctrl-C leaves either the old file or the new one.
    /// A symbolic link is written through; a device or FIFO is written in place.
    /// - Throws: `OutputFileError` naming `url`'s path.
    public func write(to url: URL) throws {
        try OutputFile.write(serialized(), to: url.path)
    }
}
