import Foundation
import XCTest
@testable import Corpus

final class LabelSetTests: XCTestCase {
    func testStringLabelsAreSortedByBytes() {
        let set = LabelSet(inferringFrom: ["positive", "negative", "neutral", "positive", "Negative"])
        XCTAssertEqual(set.names, ["Negative", "negative", "neutral", "positive"])
        XCTAssertEqual(set.index(of: "neutral"), 2)
        XCTAssertNil(set.index(of: "other"))
    }

    func testIntegerLabelsAreNumericallyOrdered() {
        XCTAssertEqual(LabelSet(inferringFrom: ["10", "2", "0", "1", "2", "-1"]).names, ["-1", "0", "1", "2", "10"])
        XCTAssertEqual(LabelSet(inferringFrom: ["4", "3", "2", "1", "0"]).index(of: "3"), 3)
    }

    func testMixedLabelsAreSortedAsText() {
        XCTAssertEqual(LabelSet(inferringFrom: ["10", "2", "x"]).names, ["10", "2", "x"])
    }

    func testExplicitOrderIsKeptAndCodable() throws {
        let set = LabelSet(names: ["pos", "neg", "pos"])
        XCTAssertEqual(set.names, ["pos", "neg"])
        XCTAssertEqual(set.index(of: "neg"), 1)
        let data = try JSONEncoder().encode(set)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "{\"names\":[\"pos\",\"neg\"]}")
        XCTAssertEqual(try JSONDecoder().decode(LabelSet.self, from: data), set)
        XCTAssertEqual(try JSONDecoder().decode(LabelSet.self, from: data).index(of: "neg"), 1)
    }

    func testEmpty() {
        XCTAssertEqual(LabelSet(inferringFrom: []).names, [])
    }
}
