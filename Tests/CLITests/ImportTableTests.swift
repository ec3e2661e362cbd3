import Foundation
import XCTest

/// ARCHITECTURE.md's module table says what each module imports; these tests hold it to
/// the sources and to Package.swift, so the table cannot drift from the code again.
final class ImportTableTests: XCTestCase {
    /// The repository root, from this file's place in it (Tests/CLITests/).
    private let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every module of the package: the folders under Sources/.
    private func projectModules() throws -> Set<String> {
        let sources = root.appendingPathComponent("Sources")
        let names = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        return Set(names.filter { !$0.hasPrefix(".") })
    }

    /// Module name → the project modules named in its row's last column.
    private func tableRows(modules: Set<String>) throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        var rows: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "", "`Name`", owns, imports, ""
            guard cells.count >= 5 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard modules.contains(name) else { continue }
            rows[name] = Set(words(in: cells[cells.count - 2]).filter(modules.contains))
        }
        return rows
    }

    /// Module name → the project modules it imports in any of its source files.
    private func imports(modules: Set<String>) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for module in modules {
            let folder = root.appendingPathComponent("Sources").appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            var found: [String: String] = [:]
            for case let file as String in files where file.hasSuffix(".swift") {
                let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in source.split(separator: "\n") {
                    let tokens = line.split(separator: " ").map(String.init)
                    guard let at = tokens.firstIndex(of: "import"), at + 1 < tokens.count,
                          tokens[..<at].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" })
                    else { continue }
                    let imported = tokens[at + 1]
                    if modules.contains(imported) { found[imported] = "Sources/\(module)/\(file)" }
                }
            }
            result[module] = found
        }
        return result
    }

    /// Target name → the project modules in its `dependencies:` list in Package.swift.
    private func packageDependencies(modules: Set<String>) throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        // Each target declaration runs from `.target(` / `.executableTarget(` to the next one.
        let starts = ["\n        .target(", "\n        .executableTarget(", "\n        .systemLibrary(", "\n        .testTarget("]
        var pieces = [manifest]
        for start in starts { pieces = pieces.flatMap { $0.components(separatedBy: start) } }
        // The first piece is the package's head (its name and package dependencies).
        for piece in pieces.dropFirst() {
            guard let nameRange = piece.range(of: #"name: "([A-Za-z]+)""#, options: .regularExpression) else { continue }
            let name = String(piece[nameRange].dropFirst(7).dropLast())
            guard modules.contains(name), result[name] == nil else { continue }
            var dependencies: Set<String> = []
            if let list = piece.range(of: #"dependencies: \[[^\]]*\]"#, options: .regularExpression) {
                for word in words(in: String(piece[list])) where modules.contains(word) { dependencies.insert(word) }
            }
            result[name] = dependencies
        }
        return result
    }

    private func words(in text: String) -> [String] {
        text.components(separatedBy: CharacterSet.alphanumerics.inverted).filter { !$0.isEmpty }
    }

    func testEveryImportOfAProjectModuleIsInThatModulesRow() throws {
        let modules = try projectModules()
        let rows = try tableRows(modules: modules)
        XCTAssertEqual(Set(rows.keys), modules, "ARCHITECTURE.md's table has a row for each folder under Sources/")
        for (module, found) in try imports(modules: modules) {
            for (imported, file) in found.sorted(by: { $0.key < $1.key }) {
                XCTAssertTrue(rows[module, default: []].contains(imported),
                              "\(file) imports \(imported), which ARCHITECTURE.md's row for \(module) does not list")
            }
        }
    }

    func testTheTableAndPackageSwiftAgree() throws {
        let modules = try projectModules()
        let rows = try tableRows(modules: modules)
        let dependencies = try packageDependencies(modules: modules)
        for module in modules.sorted() {
            XCTAssertEqual(rows[module], dependencies[module],
                           "\(module): ARCHITECTURE.md lists \(rows[module]?.sorted() ?? []), Package.swift \(dependencies[module]?.sorted() ?? [])")
        }
    }

    /// Imports point one way: no module's row names a module listed below it.
    func testImportsPointDownTheTable() throws {
        let modules = try projectModules()
        let text = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let order = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { line -> String? in
            let name = line.split(separator: "|")[0].trimmingCharacters(in: CharacterSet(charactersIn: " `"))
            return modules.contains(name) ? name : nil
        }
        let rows = try tableRows(modules: modules)
        for (index, module) in order.enumerated() {
            for imported in rows[module, default: []] {
                let place = order.firstIndex(of: imported) ?? .max
                XCTAssertLessThan(place, index, "\(module) imports \(imported), which the table lists below it")
            }
        }
    }
}
