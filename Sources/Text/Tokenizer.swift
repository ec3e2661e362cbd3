/// Turns text into tokens, the same way for training corpora and for text to classify.
///
/// In order: NFKC_Casefold normalization (one ICU pass; curly apostrophes become `'`,
/// characters repeated more than three times are capped at three), special tokens found
/// between white space (URLs → `<url>`, e-mail addresses → `<email>`, `@name` → `<user>`,
/// `#tag` → `tag`, emoticons kept whole), then ICU word breaking (UAX #29) with
/// Penn Treebank conventions: clitics split (`can't` → `ca n't`), punctuation one token
/// per mark (`!!!` → `! ! !`), emoji sequences one token (`👍🏽`).
///
/// ```swift
/// Tokenizer().tokenize("I can't believe it's not butter!!! 👍🏽 http://x.io")
/// // ["i", "ca", "n't", "believe", "it", "'s", "not", "butter", "!", "!", "!", "👍🏽", "<url>"]
/// ```
///
/// Decisions worth knowing: `!!!` is three tokens, as in PTB-tokenized SST; emoticons keep
/// their case-folded form (`:D` → `:d`, `:P` → `:p`), like every token; `#tag` → `tag`;
/// digits are never capped (`1000000`); U+FE0F is dropped by NFKC_Casefold (`❤️` → `❤`)
/// while ZWJ sequences stay whole; words joined by hyphens stay one token (`well-made`).
///
/// A `Tokenizer` is a value with no shared mutable state: use one from several threads
/// at once (each call has its own buffers; ICU's break iterator is cloned per thread).
/// Throughput, `sentiment bench tokenizer`: release build, one core, English prose.
public struct Tokenizer: Sendable {
    public let options: TokenizerOptions
    /// Whether plain ASCII words skip ICU (same tokens, faster); tests turn it off to
    /// check exactly that.
    var usesASCIIFastPath = true

    public init(options: TokenizerOptions = TokenizerOptions()) {
        self.options = options
    }

    /// The tokens of `text`, in order.
    /// - Complexity: O(n) in the length of `text`.
    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text) { bytes in
            tokens.append(String(decoding: bytes, as: UTF8.self))
        }
        return tokens
    }

    /// Fast path: calls `body` with each token's UTF-8 bytes, valid only during the call;
    /// no `String` is made per token. Used by Vocabulary to intern tokens straight to ids.
    /// - Complexity: O(n) in the length of `text`.
    public func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var text = text
        try text.withUTF8 { bytes in
            try forEachToken(inUTF8: bytes, body)
        }
    }

    /// `forEachToken(in:_:)` for raw bytes, such as a line read from a file: each invalid
    /// UTF-8 sequence reads as U+FFFD (which is then a token of its own).
    /// - Complexity: O(n) in `bytes.count`.
    public func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        var workspace = TokenizerWorkspace(
            options: options, expectedLength: min(bytes.count, Self.chunkLength), usesASCIIFastPath: usesASCIIFastPath)
        defer { workspace.deallocate() }
        var start = 0
        while start < bytes.count {
            let end = Self.chunkEnd(in: bytes, from: start)
            try workspace.tokenizeChunk(UnsafeBufferPointer(rebasing: bytes[start..<end]), body)
            start = end
        }
    }

    /// `tokenize(_:)` for raw bytes; invalid UTF-8 reads as U+FFFD.
    public func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        forEachToken(inUTF8: bytes) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    // MARK: - Chunks

    /// Long input is tokenized in chunks of about this many bytes, so memory stays
    /// bounded (a 10 MB line needs no 10 MB buffers) and ICU sees short texts.
    static let chunkLength = 1 << 16

    /// Where the chunk starting at `start` ends. Preferably right after ASCII white space
    /// and before an ASCII byte: no token, normalization or special token spans such a
    /// cut, so chunking changes nothing. A run of `chunkLength / 2` bytes with no white
    /// space is no text anyone reads; it is cut between two ASCII bytes, else at a
    /// character boundary.
    static func chunkEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let limit = start + chunkLength
        guard limit < bytes.count else { return bytes.count }
        let floor = start + chunkLength / 2
        func isASCIIWhiteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var cut = limit
        while cut > floor {
            if isASCIIWhiteSpace(bytes[cut - 1]) && bytes[cut] < 0x80 { return cut }
            cut -= 1
        }
        cut = limit
        while cut > floor {
            if bytes[cut - 1] < 0x80 && bytes[cut] < 0x80 { return cut }
            cut -= 1
        }
        cut = limit
        while cut > floor {
            if bytes[cut] & 0xC0 != 0x80 { return cut }
            cut -= 1
        }
        return limit
    }
}
