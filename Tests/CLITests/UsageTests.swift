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
        for subcommand in ["predict", "classify", "train", "eval", "vocab", "synth", "tokenize", "info", "cache", "bench"] {
            XCTAssertTrue(result.stdout.contains("  \(subcommand) "), "help lacks \(subcommand)")
        }
    }

    /// Every help page ends with "See 'sentiment help <subcommand>'", so those words show
    /// that help instead of classifying the word "help"; `--` still classifies it.
    func testTheHelpWordShowsTheHelpItNames() throws {
        for (words, flag) in [(["help"], ["--help"]), (["help", "predict"], ["predict", "--help"]),
                              (["help", "cache", "stats"], ["cache", "stats", "--help"])] {
            let viaWord = try run(words), viaFlag = try run(flag)
            XCTAssertEqual(viaWord.status, 0, viaWord.stderr)
            XCTAssertTrue(viaWord.stdout.hasPrefix("OVERVIEW: "), viaWord.stdout)
            XCTAssertEqual(viaWord.stdout, viaFlag.stdout, "\(words)")
        }
        let unknown = try run(["help", "nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("sentiment: help: no subcommand 'nope' (subcommands: predict, classify,"),
                      unknown.stderr)
        let text = try run(["--no-cache", "--", "help"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasSuffix("\thelp\n"), text.stdout)
    }

    /// The first line ArgumentParser prints for a validation error.
    func firstLine(_ result: CommandResult) -> String {
        String(result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    func testNegativeNumbersAreTakenAsValuesAndRejectedByName() throws {
        for (arguments, message) in [
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--lr", "-1"], "Error: --lr must be a positive number, not -1.0"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--epochs", "-3"], "Error: --epochs must be at least 1, not -3"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--weight-decay", "-0.1"],
             "Error: --weight-decay must be 0 or a positive number, not -0.1"),
            (["predict", "--max-wait-ms", "-5"], "Error: --max-wait-ms must be 0 or more, not -5.0."),
            (["classify", "--batch-size", "-2", "x.txt"], "Error: --batch-size must be positive, not -2."),
            (["vocab", "build", "x.tsv", "--min-count", "-1"], "Error: --min-count must be at least 1, not -1."),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(firstLine(result), message)
        }
    }

    func testNonFiniteTrainingNumbersAreUsageErrors() throws {
        for (option, value, message) in [
            ("--lr", "inf", "Error: --lr must be a positive number, not inf"),
            ("--lr", "1e39", "Error: --lr must be a positive number, not inf"),
            ("--lr", "nan", "Error: --lr must be a positive number, not nan"),
            ("--weight-decay", "inf", "Error: --weight-decay must be 0 or a positive number, not inf"),
            ("--clip", "inf", "Error: --clip must be 0 (off) or a positive number, not inf"),
            ("--dropout", "nan", "Error: --dropout must be in [0, 1), not nan"),
            ("--lr-decay", "nan", "Error: --lr-decay must be in (0, 1], not nan"),
        ] {
            let result = try run(["train", "--train", "x.tsv", "-o", "m.safetensors", option, value])
            XCTAssertEqual(result.status, 2, "\(option) \(value)")
            XCTAssertEqual(firstLine(result), message)
        }
    }

    func testEmptyPathsAreUsageErrors() throws {
        for (arguments, message) in [
            (["classify", "--db", "", "x.txt"], "Error: --db needs a file path, not an empty string."),
            (["cache", "stats", "--db", ""], "Error: --db needs a file path, not an empty string."),
            (["cache", "clear", "--db", ""], "Error: --db needs a file path, not an empty string."),
            (["predict", "--model", ""], "Error: --model needs a file path, not an empty string."),
            (["train", "--train", "x.tsv", "-o", ""], "Error: --output needs a file path, not an empty string"),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(firstLine(result), message)
        }
    }
}
