import XCTest
@testable import Vocabulary

final class VocabularyModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
