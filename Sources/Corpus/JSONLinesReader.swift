import Foundation

/// Reads JSON Lines: one object per line, the text under `text` (or `sentence`,
/// `content`, `review`, … or the chosen key) and the label under `label` (or the chosen
/// key) as a string or an integer. Blank lines are skipped.
final class JSONLinesReader: RowReader {
    private let source: LineSource
    private let labelKeys: [String]
    private let textKeys: [String]
    private let decoder = JSONDecoder()
    private let requiresLabels: Bool

    init(source: LineSource, options: CorpusReadOptions) {
        self.source = source
        self.requiresLabels = options.requiresLabels
        self.labelKeys = options.labelColumn.map { [$0] } ?? ColumnNames.label
        self.textKeys = options.textColumn.map { [$0] } ?? ColumnNames.text
    }

    func next() throws -> LabeledText? {
        var line: [UInt8]
        repeat {
            guard let read = try source.nextLine() else { return nil }
            line = read
        } while line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        let number = source.lineNumber
        func fail(_ reason: CorpusError.Reason) -> CorpusError {
            CorpusError(file: source.name, line: number, reason: reason)
        }
        let object: [String: JSONValue]
        do {
            object = try decoder.decode([String: JSONValue].self, from: Data(line))
        } catch {
            let isObject = line.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "{")
            throw fail(.badJSON(isObject ? "not a valid JSON object" : "expected one JSON object per line"))
        }
        let label = requiresLabels ? try self.label(of: object, fail: fail) : ""
        guard let textKey = textKeys.first(where: { object[$0] != nil && object[$0] != .null }) else {
            // A null text is there but empty: a blank row to classify, as "" is; a
            // training row needs a text.
            guard let nullKey = textKeys.first(where: { object[$0] == .null }) else {
                throw fail(.missingText("no \"\(textKeys[0])\" key"))
            }
            if requiresLabels { throw fail(.missingText("\"\(nullKey)\" is null")) }
            return LabeledText(text: "", label: label, file: source.name, line: number)
        }
        guard case .string(let text) = object[textKey]! else {
            throw fail(.missingText("\"\(textKey)\" must be a string"))
        }
        if requiresLabels, isBlank(text) { throw fail(.missingText("\"\(textKey)\" is empty")) }
        return LabeledText(text: text, label: label, file: source.name, line: number)
    }

    private func label(of object: [String: JSONValue], fail: (CorpusError.Reason) -> CorpusError) throws -> String {
        guard let labelKey = labelKeys.first(where: { object[$0] != nil && object[$0] != .null }) else {
            if let nullKey = labelKeys.first(where: { object[$0] == .null }) { throw fail(.missingLabel("\"\(nullKey)\" is null")) }
            throw fail(.missingLabel("no \"\(labelKeys[0])\" key"))
        }
        let label: String
        switch object[labelKey]! {
        case .string(let value): label = trimmed(value)
        case .integer(let value): label = String(value)
        default: throw fail(.badLabelValue("\"\(labelKey)\" must be a string or an integer"))
        }
        if label.isEmpty { throw fail(.missingLabel("\"\(labelKey)\" is empty")) }
        return label
    }
}

/// The JSON values a row may hold; only strings and integers matter here, the rest are
/// decoded so that an unexpected field does not make the row unreadable.
enum JSONValue: Decodable, Equatable {
    case string(String), integer(Int), number(Double), bool(Bool), null, other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if (try? container.decode([String: JSONValue].self)) != nil { self = .other }
        else if (try? container.decode([JSONValue].self)) != nil { self = .other }
        else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unexpected JSON value")
        }
    }
}
