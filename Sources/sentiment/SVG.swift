/// What every picture the command line writes shares (the reliability diagram, the
/// training report, line charts): one self-contained SVG document with no script, no
/// link and no web font, numbers written short, text escaped.
enum SVG {
    /// Fonts found on nearly every system; a browser or `rsvg-convert` falls back to its
    /// own sans-serif face.
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// The opening of a standalone picture: the `<svg>` element (`width`×`height` user
    /// units, 12-unit text), its `<title>` and a white background. Close it with `</svg>`.
    static func header(width: Double, height: Double, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
        viewBox="0 0 \(number(width)) \(number(height))" font-family="\(fontFamily)" font-size="12">
        <title>\(escaped(title))</title>
        <rect width="100%" height="100%" fill="#ffffff"/>
        """
    }

    /// A coordinate with at most one decimal: `12`, `12.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` safe inside an element or a quoted attribute: markup escaped, and each
    /// character XML 1.0 forbids (the C0 controls but tab, newline and carriage return;
    /// U+FFFE and U+FFFF) replaced by U+FFFD, so that the document still parses (a
    /// `--title $'\x01'` made an SVG no viewer would open) and the gap still shows.
    static func escaped(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "\t", "\n", "\r": result.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// At most `limit` characters, the middle elided (`…`), so a long path fits a title.
    static func elided(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let tail = limit / 2 + 1
        return String(text.prefix(limit - 1 - tail)) + "…" + String(text.suffix(tail))
    }

    /// A minimal self-contained HTML page showing `svg` (inline, so the page needs no
    /// other file), titled `title`.
    static func htmlPage(title: String, svg: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escaped(title))</title>
        <style>body { margin: 16px; background: #ffffff; } svg { max-width: 100%; height: auto; }</style>
        </head>
        <body>
        \(svg)</body>
        </html>

        """
    }
}
