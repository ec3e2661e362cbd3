import Foundation
import XCTest
@testable import Model

final class HeaderJSONTests: XCTestCase {
    private func parse(_ text: String) throws -> Any {
        try Array(text.utf8).withUnsafeBytes { try HeaderJSON.parse($0) }
    }

    /// The reader's value, re-serialized by Foundation, equals Foundation's own parse.
    private func assertAgreesWithFoundation(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ours = try parse(text)
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        XCTAssertEqual(
            String(decoding: try JSONSerialization.data(withJSONObject: ours, options: options), as: UTF8.self),
            String(decoding: try JSONSerialization.data(withJSONObject: foundation, options: options), as: UTF8.self),
            text, file: file, line: line)
    }

    func testSafetensorsHeaderShapesMatchFoundation() throws {
        try assertAgreesWithFoundation("""
            {"__metadata__":{"format":"sentiment.bilstm","vocabulary":"<pad>\\n<unk>\\nca\\nn't\\n\\"q\\"\\t\\\\"},
             "fc.bias":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},
             "fc.weight":{"dtype":"F32","shape":[2, 256],"data_offsets":[4,2052]}}   
            """)
    }

    func testScalarsAndEscapesMatchFoundation() throws {
        for text in ["0", "-12", "3.25", "1e3", "-0.5E-2", "true", "false", "null", "[]", "{}",
                     "[1,[2,[3]],{\"a\":null}]", "\"\\u00e9\\u4e2d\\ud83d\\udc4d\\/\\b\\f\\r\"", "\"👍🏽 plain é\""] {
            try assertAgreesWithFoundation(text)
        }
    }

    /// The string scan reads eight bytes at a time: a quote, an escape or a control byte
    /// at every position of a word, after plain bytes and multi-byte UTF-8, is found
    /// where it is (the same string as Foundation's) and a raw control byte is refused.
    func testStringsWithSpecialBytesAtEveryOffsetMatchFoundation() throws {
        for prefix in ["", "é", "日本"] {
            for run in 0..<18 {
                let plain = prefix + String(repeating: "a", count: run)
                for special in ["\\n", "\\\"", "\\\\", "\\u00e9", "ü"] {
                    try assertAgreesWithFoundation("\"\(plain)\(special)\(plain)x\"")
                    try assertAgreesWithFoundation("[\"\(plain)\(special)\", \"\(plain)\"]")
                }
                for control in ["\u{01}", "\t", "\n", "\u{1F}"] {
                    XCTAssertThrowsError(try parse("\"\(plain)\(control)\(plain)\""), "control after \(run) bytes")
                }
                XCTAssertThrowsError(try parse("\"\(plain)"), "unterminated after \(run) bytes")
                XCTAssertThrowsError(try parse("\"\(plain)\\"), "escape at the end after \(run) bytes")
            }
        }
    }

    func testMalformedInputIsRejected() {
        let malformed = ["", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}",
                         "\"open", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ud83d\\u0041\"",
                         "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "{} x", "[1] [2]"]
        for text in malformed {
            XCTAssertThrowsError(try parse(text), "accepted \(text.debugDescription)")
        }
        XCTAssertThrowsError(try Array([0x22, 0xC3, 0x28, 0x22]).withUnsafeBytes { try HeaderJSON.parse($0) },
                             "accepted invalid UTF-8 in a string")
    }

    func testDeepNestingIsRejectedNotRecursedInto() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(deep))
        let allowed = String(repeating: "[", count: HeaderJSON.maximumDepth) + String(repeating: "]", count: HeaderJSON.maximumDepth)
        XCTAssertNoThrow(try parse(allowed))
    }
}
