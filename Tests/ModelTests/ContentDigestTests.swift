import XCTest
@testable import Model

final class ContentDigestTests: XCTestCase {
    func digest(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { contentDigest($0) } }

    func testDigestIsStableAndSensitiveToEveryByte() {
        let bytes = Array((0..<100).map { UInt8($0) })
        XCTAssertEqual(digest(bytes), digest(bytes))
        XCTAssertEqual(digest(bytes).count, 32)
        var seen: Set<String> = [digest(bytes)]
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 1
            seen.insert(digest(changed))
        }
        XCTAssertEqual(seen.count, 101, "every single-bit change gives a new digest")
        XCTAssertNotEqual(digest([]), digest([0]))
        XCTAssertNotEqual(digest([0]), digest([0, 0]))
    }
}
