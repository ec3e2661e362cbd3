import Foundation
import XCTest

/// The README's console examples that use only the embedded model and files of this
/// repository, run as a user would (`bash -c COMMAND` from the repository's root, with
/// the built `sentiment` first on PATH), must print what the README shows. So a new
/// default model, a changed output format or a renamed flag cannot leave the README
/// showing output the tool no longer gives.
///
/// Numbers are compared within the last printed digit (the README's figures come from a
/// machine of the kind CI runs on, but BLAS picks its kernel per processor, and an
/// environment's `OPENBLAS_CORETYPE` can pick another); everything else on each line must
/// match exactly.
final class ReadmeExampleTests: CLITestCase {
    /// The examples checked, as their `$ ` lines read in the README. Examples that train,
    /// time, write files or need data outside the repository are left out.
    static let checkedCommands = [
        #"sentiment "what a lovely film" "the plot was a mess and I was bored" "The package arrived on Tuesday.""#,
        #"printf 'great movie\nIt was fine.\n' | sentiment"#,
        #"printf 'great movie\n\nworst service ever :(\n' | sentiment predict"#,
        #"echo "great movie" | sentiment predict --format jsonl --echo"#,
        #"sentiment classify --text-column text corpora/demo/test.tsv | head -4"#,
        #"sentiment explain --format json "not bad at all""#,
        #"sentiment "got the job :-(" "got the job :(" "the bus is late again =(""#,
        #"sentiment explain "got the job :-(" | head -4"#,
        #"sentiment tokenize "I can't believe it's not butter!!! 👍🏽 http://x.io""#,
    ]

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEachCheckedExamplePrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = consoleExamples(in: readme)
        for command in Self.checkedCommands {
            guard let shown = examples.first(where: { $0.command == command }) else {
                XCTFail("the README has no console example `$ \(command)`; update checkedCommands")
                continue
            }
            let result = try runShell(command, in: Self.repositoryRoot)
            XCTAssertEqual(result.status, 0, "`\(command)` failed: \(result.stderr)")
            if let difference = firstDifference(printed: result.stdout, shown: shown.output) {
                XCTFail("`\(command)`: \(difference)")
            }
        }
    }

    /// The comparison itself: a changed label, word or column fails; a number off in the
    /// last printed digit passes, one off by more fails.
    func testTheComparisonCatchesChangedOutputButNotRoundingInTheLastDigit() {
        XCTAssertNil(firstDifference(printed: "positive\t0.9718\tok\n", shown: "positive\t0.9717\tok"))
        XCTAssertNil(firstDifference(printed: "[1.2345679]\n", shown: "[1.2345678]"))
        // explain's completeness error as two BLAS kernel sets printed it
        XCTAssertNil(firstDifference(printed: "0.0003842661939584352", shown: "0.00038419989879871145"))
        XCTAssertNotNil(firstDifference(printed: "0.0003942661939584352", shown: "0.00038419989879871145"))
        XCTAssertNotNil(firstDifference(printed: "negative\t0.9717\tok\n", shown: "positive\t0.9717\tok"))
        XCTAssertNotNil(firstDifference(printed: "positive\t0.9617\tok\n", shown: "positive\t0.9717\tok"))
        XCTAssertNotNil(firstDifference(printed: "positive\t0.9717\n", shown: "positive\t0.9717\tok"))
        XCTAssertNotNil(firstDifference(printed: "a\nb\n", shown: "a"))
        XCTAssertNotNil(firstDifference(printed: "{\"steps\":64}", shown: "{\"steps\":128}"))
        XCTAssertNotNil(firstDifference(printed: "test.tsv\t3\tneutral", shown: "test.tsv\t2\tneutral"))
    }

    func testExamplesAreSplitIntoCommandsAndTheirOutput() {
        let text = """
        Some prose.

        ```console
        $ sentiment "a"
        positive\t0.9

        $ echo x | sentiment predict
        neutral\t0.5
        ```

        ```
        $ not a console block
        ```
        """
        let examples = consoleExamples(in: text)
        XCTAssertEqual(examples.map(\.command), [#"sentiment "a""#, "echo x | sentiment predict"])
        XCTAssertEqual(examples.map(\.output), ["positive\t0.9", "neutral\t0.5"])
    }
}

/// One `$ COMMAND` of a ```` ```console ```` block and the lines after it, up to the next
/// command (trailing blank lines dropped).
struct ConsoleExample: Equatable {
    var command: String
    var output: String
}

func consoleExamples(in markdown: String) -> [ConsoleExample] {
    var examples: [ConsoleExample] = []
    var inConsole = false
    var current: ConsoleExample?
    var outputLines: [String] = []
    func finish() {
        guard var example = current else { return }
        while outputLines.last?.isEmpty == true { outputLines.removeLast() }
        example.output = outputLines.joined(separator: "\n")
        examples.append(example)
        current = nil
        outputLines = []
    }
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.hasPrefix("```") {
            if inConsole { finish() }
            inConsole = !inConsole && line == "```console"
            continue
        }
        guard inConsole else { continue }
        if line.hasPrefix("$ ") {
            finish()
            current = ConsoleExample(command: String(line.dropFirst(2)), output: "")
        } else if current != nil {
            outputLines.append(line)
        }
    }
    return examples
}

/// nil when `printed` (a run's standard output) shows what `shown` does: the same lines
/// (trailing blank lines aside), each the same once its numbers are taken out, and each
/// number with a fraction within one unit of the shown number's last digit (or 0.01%,
/// for numbers printed with every digit of a Float, or 1e-6, for a small number printed
/// with every digit, such as `explain`'s completeness error: a difference of two sums
/// of order one, whose float rounding under another BLAS kernel is of order 1e-7); whole
/// numbers must be equal.
func firstDifference(printed: String, shown: String) -> String? {
    func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
    let printedLines = lines(printed), shownLines = lines(shown)
    guard printedLines.count == shownLines.count else {
        return "\(printedLines.count) lines printed, the README shows \(shownLines.count):\n\(printed)"
    }
    for (number, (got, want)) in zip(printedLines, shownLines).enumerated() {
        let (gotSkeleton, gotNumbers) = numbersTakenOut(got)
        let (wantSkeleton, wantNumbers) = numbersTakenOut(want)
        let close = zip(gotNumbers, wantNumbers).allSatisfy { got, want in
            guard let unit = want.lastDigit else { return got.text == want.text }
            guard let a = Double(got.text), let b = Double(want.text) else { return false }
            return abs(a - b) <= max(unit, 1e-4 * abs(b), 1e-6) * 1.000001
        }
        if gotSkeleton != wantSkeleton || !close {
            return "line \(number + 1) printed\n  \(got)\nwhere the README shows\n  \(want)"
        }
    }
    return nil
}

private let numberPattern = try! NSRegularExpression(pattern: #"-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?"#)

/// The line with each number replaced by `#`, and the numbers in order, each with the
/// value of one unit in its last digit (nil for a whole number).
private func numbersTakenOut(_ line: String) -> (skeleton: String, numbers: [(text: String, lastDigit: Double?)]) {
    let range = NSRange(line.startIndex..., in: line)
    var numbers: [(text: String, lastDigit: Double?)] = []
    for match in numberPattern.matches(in: line, range: range) {
        let text = String(line[Range(match.range, in: line)!])
        let mantissa = text.split(separator: "e").first.map(String.init) ?? text
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        let exponent = text.split(separator: "e").dropFirst().first.flatMap { Double($0) }
        if decimals == 0 && exponent == nil {
            numbers.append((text, nil))
        } else {
            numbers.append((text, pow(10, -Double(decimals)) * pow(10, exponent ?? 0)))
        }
    }
    let skeleton = numberPattern.stringByReplacingMatches(in: line, range: range, withTemplate: "#")
    return (skeleton, numbers)
}
