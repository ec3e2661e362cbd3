import Files
import Foundation

/// Writes a file the user asked for (a picture, a report) atomically: a reader never
/// sees half of it, and a failure leaves an earlier file untouched (`Files.OutputFile`:
/// a symbolic link is written through, a device or FIFO in place).
func writeReport(_ text: String, to path: String) throws {
    try OutputFile.write(Array(text.utf8), to: path)
}

/// A picture the user asked for (`chart -o`, `train --report`, `eval --reliability`): SVG,
/// or the same SVG in a small HTML page when the name ends in `.html` or `.htm`. A name
/// with any other extension is refused before the work starts, since a `.png` would hold
/// SVG text; a name without one (a device, a FIFO) gets SVG.
struct PictureFile {
    let path: String
    let isHTML: Bool

    /// - Throws: `UsageError` naming `option` for an extension we do not write.
    init(_ path: String, option: String) throws {
        let pathExtension = (path as NSString).pathExtension.lowercased()
        guard ["", "svg", "html", "htm"].contains(pathExtension) else {
            throw UsageError(description: "\(option) \(path): pictures are written as .svg or .html, not .\(pathExtension) "
                + "(rsvg-convert, for one, turns the SVG into PNG or PDF)")
        }
        self.path = path
        isHTML = pathExtension.hasPrefix("htm")
    }

    func write(svg: String, title: String) throws {
        try writeReport(isHTML ? SVG.htmlPage(title: title, svg: svg) : svg, to: path)
    }
}
