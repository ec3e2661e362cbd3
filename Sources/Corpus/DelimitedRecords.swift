/// Splits a TSV or CSV input into records of fields, undoing RFC 4180 quoting:
/// a field that starts with `"` runs to the next lone `"`, may hold the delimiter, `""`
/// (one quote) and newlines, and must be followed by the delimiter or the line's end.
///
/// TSV is rarely quoted on purpose, yet its texts often start with a quote
/// (`"Heat" is a fine film`). So in TSV a field whose closing quote is followed by
/// anything else is re-read as plain text up to the next tab, and any lines it had
/// pulled in are given back; so is one that would pull in a line holding as many tabs
/// as a record (`expectedFields`), which is the next row rather than the rest of a text
/// whose opening quote is never closed (`"Best phone ever`): it used to swallow the rows
/// up to the next stray quote. CSV keeps to the RFC and reports the row. A quoted field
/// that spans lines may grow to `maxSpanningField` bytes: past that its quote is taken
/// for one left open (memory stays bounded whatever the file's size).
struct DelimitedRecords {
    struct Record {
        var fields: [String]
        /// The line the record starts on.
        var line: Int
    }

    let source: LineSource
    let delimiter: UInt8
    let lenientQuotes: Bool
    /// The fields of a record, once the reader knows them (the header's, or the first
    /// row's); nil before.
    var expectedFields: Int?

    static let maxSpanningField = 8 << 20

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")

    init(source: LineSource, delimiter: UInt8) {
        self.source = source
        self.delimiter = delimiter
        self.lenientQuotes = delimiter == UInt8(ascii: "\t")
    }

    /// The next record, skipping blank lines; nil at the end of the input. A malformed
    /// record throws a row error and leaves the source at the line after it.
    func next() throws -> Record? {
        var line: [UInt8]
        repeat {
            guard let read = try source.nextLine() else { return nil }
            line = read
        } while line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        let recordLine = source.lineNumber
        var fields: [String] = []
        fields.reserveCapacity(4)
        var position = 0
        while true {
            let (field, end) = try readField(in: &line, from: position, recordLine: recordLine)
            fields.append(field)
            if end < line.count && line[end] == delimiter {
                position = end + 1
            } else {
                return Record(fields: fields, line: recordLine)
            }
        }
    }

    /// Reads one field starting at `start`; returns it and the index just past it (at a
    /// delimiter or the end of `line`). A quoted field may append further lines to `line`.
    private func readField(in line: inout [UInt8], from start: Int, recordLine: Int) throws -> (String, Int) {
        guard start < line.count, line[start] == Self.quote else {
            let end = line[start...].firstIndex(of: delimiter) ?? line.count
            return (String(decoding: line[start..<end], as: UTF8.self), end)
        }
        let lengthBefore = line.count
        let lineNumberBefore = source.lineNumber
        var pulledIn: [(bytes: [UInt8], number: Int)] = []
        var value: [UInt8] = []
        var index = start + 1
        while true {
            if index == line.count {
                let more = value.count <= Self.maxSpanningField ? try source.nextLine() : nil
                guard let more else {
                    if lenientQuotes { break }
                    // Skipped (`skipBadRows`), the row gives back the lines after its first.
                    source.pushBack(pulledIn, resumingAt: lineNumberBefore)
                    throw CorpusError(file: source.name, line: lineNumberBefore, reason: .unterminatedQuote)
                }
                pulledIn.append((more, source.lineNumber))
                if lenientQuotes, let expected = expectedFields, expected > 1,
                   more.lazy.filter({ $0 == delimiter }).count == expected - 1 {
                    break
                }
                line.append(Self.newline)
                line.append(contentsOf: more)
                value.append(Self.newline)
                index += 1
                continue
            }
            let byte = line[index]
            if byte != Self.quote {
                value.append(byte)
                index += 1
            } else if index + 1 < line.count && line[index + 1] == Self.quote {
                value.append(Self.quote)
                index += 2
            } else {
                let after = index + 1
                if after == line.count || line[after] == delimiter {
                    return (String(decoding: value, as: UTF8.self), after)
                }
                if !lenientQuotes {
                    throw CorpusError(file: source.name, line: source.lineNumber, reason: .textAfterClosingQuote)
                }
                break
            }
        }
        // TSV: not a quoted field after all. Give back the lines it pulled in and read it
        // as plain text up to the next tab on its own line.
        line.removeSubrange(lengthBefore...)
        source.pushBack(pulledIn, resumingAt: lineNumberBefore)
        let end = line[start...].firstIndex(of: delimiter) ?? line.count
        return (String(decoding: line[start..<end], as: UTF8.self), end)
    }
}
