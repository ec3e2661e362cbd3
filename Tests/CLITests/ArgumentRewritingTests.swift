import Foundation
import XCTest
@testable import sentiment

/// `ArgumentRewriting`'s hand-written lists of options that take a value, checked
/// against the commands as ArgumentParser itself describes them (its help dump): an
/// option added to a command that takes texts, and missing from the list, would make the
/// rewriting read its value as a text.
final class ArgumentRewritingTests: XCTestCase {
    /// One command of the help dump: its name, the names of its options that take a value,
    /// whether it takes free texts, and its subcommands.
    private struct Command {
        var name: String
        var optionsWithValues: Set<String>
        var takesTexts: Bool
        var subcommands: [Command]

        init(_ json: [String: Any]) {
            name = json["commandName"] as? String ?? ""
            let arguments = json["arguments"] as? [[String: Any]] ?? []
            optionsWithValues = Set(arguments.filter { $0["kind"] as? String == "option" }.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                    guard let text = name["name"] as? String else { return nil }
                    return (name["kind"] as? String == "short" ? "-" : "--") + text
                }
            })
            takesTexts = arguments.contains {
                $0["kind"] as? String == "positional" && $0["valueName"] as? String == "texts" && $0["isRepeating"] as? Bool == true
            }
            subcommands = (json["subcommands"] as? [[String: Any]] ?? []).map(Command.init)
        }
    }

    private func describedRoot() throws -> Command {
        let dump = Data(Sentiment._dumpHelp().utf8)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: dump) as? [String: Any])
        return Command(try XCTUnwrap(json["command"] as? [String: Any]))
    }

    func testTheRootsListIsItsOptionsThatTakeAValue() throws {
        let root = try describedRoot()
        XCTAssertTrue(root.takesTexts)
        XCTAssertFalse(root.optionsWithValues.isEmpty)
        XCTAssertEqual(Sentiment.rootOptionsWithValues, root.optionsWithValues)
    }

    func testEverySubcommandThatTakesTextsIsListedWithItsOptionsThatTakeAValue() throws {
        let root = try describedRoot()
        let takingTexts = root.subcommands.filter(\.takesTexts)
        XCTAssertEqual(Set(takingTexts.map(\.name)), Set(Sentiment.textSubcommandOptionsWithValues.keys))
        for command in takingTexts {
            XCTAssertEqual(Sentiment.textSubcommandOptionsWithValues[command.name], command.optionsWithValues, command.name)
        }
    }
}
