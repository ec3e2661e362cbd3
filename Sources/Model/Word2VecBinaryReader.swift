import Foundation

/// Reads word2vec's binary vectors format (`-binary 1`, the `.bin` files), one entry at a
/// time so a file of several gigabytes costs one pass and one vector of memory:
///
///     COUNT DIM\n                                       ASCII header, two positive integers
///     WORD␠ f₁ f₂ … f_DIM [\n]                          COUNT times
///
/// WORD is the bytes up to a space; each f is a little-endian float32. word2vec itself
/// writes a newline after every vector, gensim writes none; a file keeps to one of the two
/// (a last newline is allowed either way). A break from that is an error, as are a word
/// holding a control byte (below 0x20, or 0x7F), an empty word, a file that ends inside an
/// entry, and more or fewer entries than COUNT. Those are what a header whose DIM does not
/// match the data produces, so their messages say so.
///
/// Telling it from the text format (whose first line may also be `COUNT DIM`): text
/// vector files hold no control bytes other than tab, LF and CR, while float32 data is full
/// of them: 30 of the 256 byte values are such bytes, about one in nine of a float's
/// mantissa bytes. So a file is binary when its first 64 KiB hold one. A 300-dimensional
/// vector has 900 mantissa bytes; the chance that none of them is a control byte is below
/// 10⁻⁴⁸. Only a file of a few dimensions whose first vectors all happen to avoid them
/// would be taken for text, and then fail there with a line error.
struct Word2VecBinaryReader {
    /// Bytes examined to tell binary from text.
    static let sniffLength = 1 << 16
    /// A "word" running this long without a space means the entries are misaligned.
    static let maximumWordLength = 1 << 16

    let url: URL
    /// Entries the header promises.
    let count: Int
    /// Floats per entry.
    let dimension: Int

    /// The header of `url` when it is a word2vec binary file, nil when it is text. Throws
    /// when the file is binary but does not start with a valid `COUNT DIM` line.
    static func header(of url: URL) throws -> (count: Int, dimension: Int)? {
        guard let file = fopen(url.path, "rb") else {
            throw VectorsFileError(file: url.path, line: nil, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var window = [UInt8](repeating: 0, count: sniffLength)
        let length = fread(&window, 1, sniffLength, file)
        window.removeSubrange(length...)
        guard let controlOffset = window.firstIndex(where: isControlByte) else { return nil }

        let firstLine = window.prefix { $0 != UInt8(ascii: "\n") }
        let fields = firstLine.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard firstLine.count < window.count, fields.count == 2,
              let count = Int(fields[0]), let dimension = Int(fields[1]), count > 0, dimension > 0 else {
            let start = firstLine.prefix(40)
            let shown = start.contains(where: isControlByte) ? "binary data"
                : "'\(String(decoding: start, as: UTF8.self))\(firstLine.count > 40 ? "…" : "")'"
            throw VectorsFileError(file: url.path, line: 1, detail:
                "not text (byte \(controlOffset) is 0x\(hex(window[controlOffset]))) and not word2vec binary: "
                + "its header must be 'COUNT DIM', two positive integers, found \(shown)")
        }
        guard dimension <= PretrainedVectors.maximumDimension else {
            throw VectorsFileError(file: url.path, line: 1, detail: "DIM \(dimension) is implausible (at most \(PretrainedVectors.maximumDimension))")
        }
        return (count, dimension)
    }

    /// Calls `body(word, entry, values)` for every entry, in file order; `entry` counts
    /// from 1 and `values` holds the entry's DIM floats (raw little-endian bytes) only for
    /// the duration of the call.
    func forEachEntry(_ body: (String, Int, Word2VecVector) throws -> Void) throws {
        guard let file = fopen(url.path, "rb") else {
            throw VectorsFileError(file: url.path, line: nil, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        func fail(_ entry: Int, _ detail: String) -> VectorsFileError {
            VectorsFileError(file: url.path, line: nil, entry: entry, detail: detail)
        }
        let dimHint = " (does the header's DIM \(dimension) match the data?)"

        // The header line (already validated by `header(of:)`).
        var byte = getc(file)
        while byte != EOF && byte != Int32(UInt8(ascii: "\n")) { byte = getc(file) }

        var word: [UInt8] = []
        var values = [UInt8](repeating: 0, count: 4 * dimension)
        /// Whether vectors end with a newline, once the first entry has shown it.
        var newlineAfterVectors: Bool?
        var entry = 0
        while true {
            // The word: bytes up to a space; EOF here ends the file cleanly.
            // (Newlines before it are skipped, as word2vec's own reader does: that also
            // takes a last newline at the end of a file that has none between entries.)
            word.removeAll(keepingCapacity: true)
            byte = getc(file)
            while byte == Int32(UInt8(ascii: "\n")) { byte = getc(file) }
            if byte == EOF { break }
            entry += 1
            if entry > count {
                throw fail(entry, "the header promises \(entries(count)) but the file goes on")
            }
            while byte != Int32(UInt8(ascii: " ")) {
                if byte == EOF {
                    throw fail(entry, "the file ends inside the word '\(String(decoding: word, as: UTF8.self))'")
                }
                let value = UInt8(byte)
                if value < 0x20 || value == 0x7F {
                    throw fail(entry, "control byte 0x\(hex(value)) in the word" + dimHint)
                }
                word.append(value)
                if word.count > Self.maximumWordLength {
                    throw fail(entry, "no space after \(Self.maximumWordLength) bytes of word" + dimHint)
                }
                byte = getc(file)
            }
            if word.isEmpty { throw fail(entry, "empty word" + dimHint) }

            let read = fread(&values, 1, values.count, file)
            if read < values.count {
                throw fail(entry, "expected \(dimension) floats, the file ends after \(read / 4)")
            }

            // The optional newline, the same way for every entry (a file without them may
            // still end with one).
            byte = getc(file)
            if byte != EOF {
                let hasNewline = byte == Int32(UInt8(ascii: "\n"))
                if hasNewline, newlineAfterVectors == false, getc(file) != EOF {
                    throw fail(entry, "a newline after the \(dimension) floats, unlike the entries before" + dimHint)
                }
                if !hasNewline, newlineAfterVectors == true {
                    throw fail(entry, "expected a newline after the \(dimension) floats, found byte 0x\(hex(UInt8(byte)))" + dimHint)
                }
                if newlineAfterVectors == nil { newlineAfterVectors = hasNewline }
                if !hasNewline { ungetc(byte, file) }
            }
            try values.withUnsafeBytes { raw in
                try body(String(decoding: word, as: UTF8.self), entry, Word2VecVector(bytes: raw))
            }
        }
        if entry < count {
            throw fail(entry + 1, "the header promises \(entries(count)), the file ends after \(entry)")
        }
    }

    /// Bytes that never occur in a text vectors file: C0 controls except tab, LF, CR; DEL.
    static func isControlByte(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }
}

/// One entry's DIM little-endian float32 values, borrowed from the reader's buffer.
struct Word2VecVector {
    let bytes: UnsafeRawBufferPointer

    var count: Int { bytes.count / 4 }

    subscript(index: Int) -> Float {
        Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
    }
}

private func entries(_ count: Int) -> String {
    count == 1 ? "1 entry" : "\(count) entries"
}

private func hex(_ byte: UInt8) -> String {
    String(format: "%02X", byte)
}
