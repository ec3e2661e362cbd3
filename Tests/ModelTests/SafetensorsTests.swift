import Foundation
import XCTest
@testable import Model

final class SafetensorsTests: XCTestCase {
    let sample = SafetensorsFile(
        metadata: ["format": "x", "note": "line\none \"quoted\" ✓"],
        tensors: [
            SafetensorsTensor(name: "a.weight", storage: .float32, shape: [2, 3], values: [1, -2, 3.5, .pi, 0, -0]),
            SafetensorsTensor(name: "b", storage: .float16, shape: [3], values: [0.5, -1, 65504]),
            SafetensorsTensor(name: "empty", storage: .float32, shape: [0, 4], values: []),
        ])

    func parse(_ bytes: [UInt8], file: String = "m.safetensors") throws -> SafetensorsFile {
        try bytes.withUnsafeBytes { try SafetensorsFile.parse($0, file: file) }
    }

    func testRoundTripIsExact() throws {
        let bytes = sample.serialized()
        let parsed = try parse(bytes)
        XCTAssertEqual(parsed.metadata, sample.metadata)
        XCTAssertEqual(parsed.tensors.map(\.name), ["a.weight", "b", "empty"])
        XCTAssertEqual(parsed.tensors[0].values.map(\.bitPattern), sample.tensors[0].values.map(\.bitPattern))
        XCTAssertEqual(parsed, sample)
        XCTAssertEqual(parsed.serialized(), bytes, "writing what was read gives the same bytes")
    }

    func testLayoutFollowsTheSafetensorsSpecification() throws {
        let bytes = sample.serialized()
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(headerLength % 8, 0, "header padded to 8 bytes")
        XCTAssertEqual(bytes.count, 8 + headerLength + 6 * 4 + 3 * 2)
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let a = try XCTUnwrap(header["a.weight"] as? [String: Any])
        XCTAssertEqual(a["dtype"] as? String, "F32")
        XCTAssertEqual(a["shape"] as? [Int], [2, 3])
        XCTAssertEqual(a["data_offsets"] as? [Int], [0, 24])
        let b = try XCTUnwrap(header["b"] as? [String: Any])
        XCTAssertEqual(b["dtype"] as? String, "F16")
        XCTAssertEqual(b["data_offsets"] as? [Int], [24, 30])
        // F16 0.5 = 0x3800, little-endian.
        XCTAssertEqual(Array(bytes[(8 + headerLength + 24)..<(8 + headerLength + 26)]), [0x00, 0x38])
    }

    func testWriteIsAtomicAndLeavesNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("m.safetensors")
        try Data("old".utf8).write(to: url)
        try sample.write(to: url)
        XCTAssertEqual(try SafetensorsFile.read(contentsOf: url), sample)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["m.safetensors"])
    }

    func assertProblem(_ bytes: [UInt8], _ expected: ModelFileError.Problem, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(bytes), file: file, line: line) { error in
            XCTAssertEqual((error as? ModelFileError)?.problem, expected, file: file, line: line)
        }
    }

    func testRejectsFilesThatAreNotSafetensors() {
        assertProblem([], .notSafetensors("the file is empty"))
        assertProblem(Array("hello".utf8), .notSafetensors("5 bytes, shorter than a header"))
        assertProblem(Array("label\ttext\n0\tbad movie\n".utf8), .notSafetensors("no JSON header after the length prefix"))
        assertProblem([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, UInt8(ascii: "{")], .notSafetensors("implausible header length 281474976710655"))
    }

    func testRejectsTruncatedFiles() {
        let bytes = sample.serialized()
        assertProblem(Array(bytes.dropLast(1)), .truncated(expected: bytes.count, actual: bytes.count - 1))
        assertProblem(Array(bytes.prefix(20)), .truncated(expected: bytes.count - 30, actual: 20))
    }

    func testRejectsBadHeaders() {
        func file(_ json: String, data: [UInt8] = []) -> [UInt8] {
            var header = Array(json.utf8)
            var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) }
            bytes += header
            header.removeAll()
            return bytes + data
        }
        assertProblem(file("{\"a\":"), .badHeader("the header is not valid JSON"))
        assertProblem(file("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", data: Array(repeating: 0, count: 8)),
                      .badHeader("tensor 'a' has dtype I64; only F32 and F16 are supported"))
        assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data: Array(repeating: 0, count: 8)),
                      .badHeader("tensor 'a' spans 8 bytes; shape [3] in F32 needs 12"))
        assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data: Array(repeating: 0, count: 8)),
                      .badHeader("tensor 'a' starts at byte 4, expected 0"))
        assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data: Array(repeating: 0, count: 8)),
                      .badHeader("4 bytes follow the last tensor"))
        assertProblem(file("{\"__metadata__\":{\"k\":1}}"), .badHeader("__metadata__ value for 'k' is not a string"))
        assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0]),
                      .badHeader("tensor 'a' has no valid shape"))
    }

    func testRandomCorruptionThrowsInsteadOfCrashing() {
        let bytes = sample.serialized()
        var generator = SeededTestGenerator(seed: 7)
        for trial in 0..<2_000 {
            var corrupted = bytes
            if trial % 2 == 0 {
                corrupted = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<corrupted.count, using: &generator)
                    corrupted[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                }
            }
            // A flip inside tensor data (or a harmless header byte) can still parse; what
            // matters is that nothing traps. Truncations always fail.
            let result = Result { try parse(corrupted) }
            if trial % 2 == 0 {
                XCTAssertThrowsError(try result.get(), "truncation to \(corrupted.count) bytes parsed")
            }
        }
    }
}

/// splitmix64, for reproducible fuzzing.
struct SeededTestGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
