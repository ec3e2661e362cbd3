import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an SVG document, parsed with Foundation's XMLParser (which fails on
/// anything that is not well-formed XML): name, attributes, and the text directly inside.
struct SVGElements {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var elements: [Element] = []

    init(parsing text: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw NotWellFormed(description: "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "parse error")")
        }
        elements = collector.elements
    }

    /// The text of the `<text>` elements of a class, in document order.
    func texts(ofClass name: String) -> [String] {
        elements.filter { $0.name == "text" && $0.attributes["class"] == name }.map(\.text)
    }

    /// Every text element's text, joined.
    var allText: String { elements.filter { $0.name == "text" }.map(\.text).joined(separator: "\n") }

    /// A `<title>` inside a `<path>` is the path's text (its name).
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let current = open.last else { return }
            // The title of a path names the path.
            if elements[current].name == "title", open.count >= 2, elements[open[open.count - 2]].name == "path" {
                elements[open[open.count - 2]].text += string
            }
            elements[current].text += string
        }
    }
}
