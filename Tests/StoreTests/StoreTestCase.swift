import Foundation
import XCTest
@testable import Store

/// Gives each test its own database path in a fresh folder, removed afterwards.
class StoreTestCase: XCTestCase {
    func makeDatabasePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("cache.sqlite").path
    }
}
