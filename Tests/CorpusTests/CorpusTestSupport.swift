import Foundation
import XCTest
@testable import Corpus

/// Base class giving each test a fresh temporary folder to write corpora into.
class CorpusTestCase: XCTestCase {
    private(set) var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corpus-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `contents` to `name` in the test's folder and returns its path.
    @discardableResult
    func write(_ contents: String, to name: String) throws -> String {
        try write(Data(contents.utf8), to: name)
    }

    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    /// Reads the corpus and returns (label, text) pairs.
    func pairs(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions()) throws -> [[String]] {
        try CorpusReader(path: path, options: options).readAll().map { [$0.label, $0.text] }
    }

    /// The description of the error reading `path` throws, with the folder prefix cut.
    func errorMessage(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions(),
                      file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try CorpusReader(path: path, options: options).readAll()
            XCTFail("expected an error reading \(path)", file: file, line: line)
            return ""
        } catch {
            XCTAssertTrue(error is CorpusError, "\(type(of: error)): \(error)", file: file, line: line)
            return String(describing: error).replacingOccurrences(of: directory.path + "/", with: "")
        }
    }
}
