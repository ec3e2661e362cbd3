import Foundation
import XCTest
@testable import sentiment

/// `ArgumentRewriting`'s hand-written lists of options that take a value, checked
/// against the commands as ArgumentParser itself describes them (its help dump): an
/// option added to a command that takes texts, and missing from the list, would make the
/// rewriting read its value as a text.
final class ArgumentRewritingTests: XCTestCase {
    /// The part of ArgumentParser's help dump (`ToolInfoV0`, whose types the package does
    /// not export) that the lists depend on.
    private struct Dump: Decodable {
        var command: Command
    }

    private struct Command: Decodable {
        struct Argument: Decodable {
            struct Name: Decodable {
                var kind: String
                var name: String
                /// As typed: `--name`, or `-n` and `-name` for short and single-dash names.
                var spelled: String { (kind == "long" ? "--" : "-") + name }
            }
            var kind: String
            var names: [Name]?
            var valueName: String?
            var isRepeating: Bool
        }
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Command]?

        var optionsWithValues: Set<String> {
            Set((arguments ?? []).filter { $0.kind == "option" }.flatMap { ($0.names ?? []).map(\.spelled) })
        }

        /// Whether it takes free texts, as the root does.
        var takesTexts: Bool {
            (arguments ?? []).contains { $0.kind == "positional" && $0.valueName == "texts" && $0.isRepeating }
        }
    }

    private func describedRoot() throws -> Command {
        try JSONDecoder().decode(Dump.self, from: Data(Sentiment._dumpHelp().utf8)).command
    }

    func testTheRootsListIsItsOptionsThatTakeAValue() throws {
        let root = try describedRoot()
        XCTAssertTrue(root.takesTexts)
        XCTAssertFalse(root.optionsWithValues.isEmpty)
        XCTAssertEqual(Sentiment.rootOptionsWithValues, root.optionsWithValues)
    }

    func testEverySubcommandThatTakesTextsIsListedWithItsOptionsThatTakeAValue() throws {
        let root = try describedRoot()
        let takingTexts = (root.subcommands ?? []).filter(\.takesTexts)
        XCTAssertEqual(Set(takingTexts.map(\.commandName)), Set(Sentiment.textSubcommandOptionsWithValues.keys))
        for command in takingTexts {
            XCTAssertEqual(Sentiment.textSubcommandOptionsWithValues[command.commandName], command.optionsWithValues, command.commandName)
        }
    }
}
