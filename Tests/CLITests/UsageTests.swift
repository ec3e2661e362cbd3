import XCTest

final class UsageTests: CLITestCase {
    func testUnknownOptionExitsWithUsageStatus() throws {
        let result = try run(["--no-such-option"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("Unknown option '--no-such-option'"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    func testHelpListsEverySubcommand() throws {
        let result = try run(["--help"])
        XCTAssertEqual(result.status, 0)
        for subcommand in ["predict", "classify", "train", "eval", "vocab", "tokenize", "info", "cache", "bench"] {
            XCTAssertTrue(result.stdout.contains("  \(subcommand) "), "help lacks \(subcommand)")
        }
    }
}
