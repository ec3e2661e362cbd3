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

    /// `--version` prints the version on stdout and exits 0, before or after root
    /// options; it is not a text to classify.
    func testVersionPrintsTheVersion() throws {
        for arguments in [["--version"], ["--no-cache", "--version"]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "0.1.0\n", "\(arguments)")
            XCTAssertEqual(result.stderr, "")
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

    /// ArgumentParser's errors come out as one line like every other (it prints the
    /// error, a list of values, the usage and a pointer to --help on several).
    func testAUsageErrorIsOneLineWithItsHelpCommand() throws {
        let bad = try run(["train", "--train", "x.tsv", "-o", "m.safetensors", "--lr", "-1"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "sentiment: --lr must be a positive number, not -1.0 (see 'sentiment train --help')\n")
        let value = try run(["vocab", "build", "x.tsv", "--input-format", "xml"])
        XCTAssertEqual(value.status, 2)
        XCTAssertEqual(value.stderr, "sentiment: The value 'xml' is invalid for '--input-format <format>'. Please provide "
            + "one of the following: auto, tsv, csv, jsonl, fasttext, folders (see 'sentiment vocab build --help')\n")
    }

    func testNegativeNumbersAreTakenAsValuesAndRejectedByName() throws {
        for (arguments, message) in [
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--lr", "-1"], "sentiment: --lr must be a positive number, not -1.0"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--epochs", "-3"], "sentiment: --epochs must be at least 1, not -3"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--hidden", "1000000"],
             "sentiment: --hidden must be at most 4096, not 1000000"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--embedding-dim", "9223372036854775807"],
             "sentiment: --embedding-dim must be at most 4096, not 9223372036854775807"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--layers", "17"], "sentiment: --layers must be at most 16, not 17"),
            (["train", "--train", "x.tsv", "-o", "m.safetensors", "--weight-decay", "-0.1"],
             "sentiment: --weight-decay must be 0 or a positive number, not -0.1"),
            (["predict", "--max-wait-ms", "-5"], "sentiment: --max-wait-ms must be 0 or more, not -5.0"),
            (["classify", "--batch-size", "-2", "x.txt"], "sentiment: --batch-size must be positive, not -2"),
            (["vocab", "build", "x.tsv", "--min-count", "-1"], "sentiment: --min-count must be at least 1, not -1"),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.usageMessage, message)
        }
    }

    func testNonFiniteTrainingNumbersAreUsageErrors() throws {
        for (option, value, message) in [
            ("--lr", "inf", "sentiment: --lr must be a positive number, not inf"),
            ("--lr", "1e39", "sentiment: --lr must be a positive number, not inf"),
            ("--lr", "nan", "sentiment: --lr must be a positive number, not nan"),
            ("--weight-decay", "inf", "sentiment: --weight-decay must be 0 or a positive number, not inf"),
            ("--clip", "inf", "sentiment: --clip must be 0 (off) or a positive number, not inf"),
            ("--dropout", "nan", "sentiment: --dropout must be in [0, 1), not nan"),
            ("--lr-decay", "nan", "sentiment: --lr-decay must be in (0, 1], not nan"),
        ] {
            let result = try run(["train", "--train", "x.tsv", "-o", "m.safetensors", option, value])
            XCTAssertEqual(result.status, 2, "\(option) \(value)")
            XCTAssertEqual(result.usageMessage, message)
        }
    }

    func testEmptyPathsAreUsageErrors() throws {
        for (arguments, message) in [
            (["classify", "--db", "", "x.txt"], "sentiment: --db needs a file path, not an empty string"),
            (["cache", "stats", "--db", ""], "sentiment: --db needs a file path, not an empty string"),
            (["cache", "clear", "--db", ""], "sentiment: --db needs a file path, not an empty string"),
            (["predict", "--model", ""], "sentiment: --model needs a file path, not an empty string"),
            (["train", "--train", "x.tsv", "-o", ""], "sentiment: --output needs a file path, not an empty string"),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.usageMessage, message)
        }
    }
}
