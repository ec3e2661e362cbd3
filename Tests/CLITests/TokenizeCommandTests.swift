import XCTest

final class TokenizeCommandTests: CLITestCase {
    func testTokenizesEachArgumentOnItsOwnLine() throws {
        let result = try run(["tokenize", "I can't believe it's not butter!!! 👍🏽 http://x.io", "Soooo GOOD :D"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "i ca n't believe it 's not butter ! ! ! 👍🏽 <url>\nsooo good :d\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testReadsStandardInputLinesWithoutArguments() throws {
        let result = try run(["tokenize"], stdin: "Hello, world!\n\nlast line without newline")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "hello , world !\n\nlast line without newline\n")
    }

    func testDashReadsStandardInputAmongArguments() throws {
        let result = try run(["tokenize", "first", "-", "last"], stdin: "Middle\r\n")
        XCTAssertEqual(result.stdout, "first\nmiddle\nlast\n")
    }

    func testPTBFlagUnescapesBrackets() throws {
        let result = try run(["tokenize", "--ptb"], stdin: "-lrb- it 's `` fine '' -rrb-\n")
        XCTAssertEqual(result.stdout, "( it 's \" fine \" )\n")
        let plain = try run(["tokenize"], stdin: "-lrb- x -rrb-\n")
        XCTAssertEqual(plain.stdout, "- lrb - x - rrb -\n")
    }

    func testInvalidUTF8OnStandardInputBecomesReplacementCharacter() throws {
        let process = Process()
        process.executableURL = sentimentExecutable
        process.arguments = ["tokenize"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data([0x61, 0x20, 0xFF, 0x20, 0x62, 0x0A]))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "a \u{FFFD} b\n")
    }

    func testHelpShowsTheFlagAndItsDefault() throws {
        let result = try run(["tokenize", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("USAGE: sentiment tokenize [--ptb] [<texts> ...]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("(default: off)"), result.stdout)
    }
}
