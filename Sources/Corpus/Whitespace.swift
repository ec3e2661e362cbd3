/// Whitespace at a field's ends, by Unicode's definition (`Character.isWhitespace`), with
/// a shortcut for the usual field: one that starts (and ends) with a printable ASCII
/// character cannot start (or end) with whitespace, whatever follows, so it is decided
/// from one byte without breaking the text into characters. Reading a corpus asks this
/// of every row.

/// `text` without whitespace at either end.
func trimmed(_ text: String) -> String {
    if let first = text.utf8.first, let last = text.utf8.last, isPrintableASCII(first), isPrintableASCII(last) {
        return text
    }
    var scalars = Substring(text)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
}

/// Whether `text` is empty or all whitespace.
func isBlank(_ text: String) -> Bool {
    if let first = text.utf8.first, isPrintableASCII(first) { return false }
    return text.allSatisfy(\.isWhitespace)
}

/// `!` through `~`: neither whitespace nor a control character, nor the start of a
/// multi-byte one.
@inline(__always)
private func isPrintableASCII(_ byte: UInt8) -> Bool {
    byte >= 0x21 && byte <= 0x7E
}
