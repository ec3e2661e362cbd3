/// Reads fastText's supervised format: `__label__pos some text`, one example per line.
/// The label prefix comes first; several labels on one line are reported, since a
/// classifier here picks exactly one class.
final class FastTextReader: RowReader {
    static let prefix = "__label__"
    private let source: LineSource

    init(source: LineSource) {
        self.source = source
    }

    func next() throws -> LabeledText? {
        var line: String
        repeat {
            guard let read = try source.nextLine() else { return nil }
            line = String(decoding: read, as: UTF8.self)
        } while line.allSatisfy(\.isWhitespace)
        let number = source.lineNumber
        var rest = Substring(line)
        var labels: [String] = []
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard rest.hasPrefix(Self.prefix) else { break }
            let word = rest.prefix(while: { $0 != " " && $0 != "\t" })
            labels.append(String(word.dropFirst(Self.prefix.count)))
            rest = rest[word.endIndex...]
        }
        guard let label = labels.first, !label.isEmpty else {
            throw CorpusError(file: source.name, line: number, reason: .missingLabel(
                labels.isEmpty ? "expected \(Self.prefix)NAME before the text" : "\(Self.prefix) with no name"))
        }
        if labels.count > 1 {
            throw CorpusError(file: source.name, line: number, reason: .severalLabels(labels))
        }
        let text = trimmed(String(rest))
        if text.isEmpty {
            throw CorpusError(file: source.name, line: number, reason: .missingText("nothing after the label"))
        }
        return LabeledText(text: text, label: label, file: source.name, line: number)
    }
}
