import XCTest
@testable import Corpus

final class CorpusModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
