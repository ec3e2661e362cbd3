import XCTest
@testable import Pipeline

final class PipelineModuleTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
