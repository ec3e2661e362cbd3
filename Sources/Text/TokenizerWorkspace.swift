import CICU

/// The working memory of one tokenizer call: the decoded chunk, its normalized form, ICU's
/// word boundaries and the bytes of the token being handed out. One per call, so calls on
/// several threads never share state; buffers are reused across the chunks of a call.
/// A struct, not a class: a class's stored properties cost a dynamic exclusivity check
/// on every access, which showed up as a fifth of the tokenizer's time.
///
/// A call runs four stages over each chunk of the input (see `Tokenizer`):
/// decode (UTF-8 → UTF-16, `UTF8Transcoding.swift`) → normalize (NFKC_Casefold,
/// `Normalization.swift`; apostrophes and repeats, `Canonicalization.swift`) → find
/// special tokens between white space (`SpecialTokens.swift`, `Emoticons.swift`) →
/// segment the rest with ICU and apply the token rules (`WordSegmentation.swift`,
/// `Clitics.swift`, `PTBEscapes.swift`), emitting bytes (`TokenEmission.swift`). Plain
/// ASCII chunks, most of English text, skip ICU with the same result (`ASCIIFastPath.swift`).
struct TokenizerWorkspace {
    let options: TokenizerOptions
    /// Whether plain ASCII chunks skip ICU (`ASCIIFastPath.swift`); off only in the tests
    /// that check the fast path against ICU.
    let usesASCIIFastPath: Bool
    /// (N) the chunk as decoded from UTF-8
    var source: ScratchBuffer<UInt16>
    /// (M) the chunk after normalization; every later stage reads it
    var text: ScratchBuffer<UInt16>
    /// (S + 1) word-boundary offsets of the region being segmented, relative to its start
    var boundaries: ScratchBuffer<Int32>
    /// (S) ICU rule status of each segment (≥ 100: a word or number)
    var statuses: ScratchBuffer<Int32>
    /// The UTF-8 bytes of the token being emitted
    var tokenBytes: ScratchBuffer<UInt8>

    init(options: TokenizerOptions, expectedLength: Int, usesASCIIFastPath: Bool = true) {
        self.options = options
        self.usesASCIIFastPath = usesASCIIFastPath
        let capacity = expectedLength + 16
        source = ScratchBuffer(capacity: capacity)
        text = ScratchBuffer(capacity: capacity)
        boundaries = ScratchBuffer(capacity: capacity + 1)
        statuses = ScratchBuffer(capacity: capacity + 1)
        tokenBytes = ScratchBuffer(capacity: 256)
    }

    /// Frees the buffers; the workspace is unusable afterwards.
    func deallocate() {
        source.deallocate()
        text.deallocate()
        boundaries.deallocate()
        statuses.deallocate()
        tokenBytes.deallocate()
    }

    /// Tokenizes one chunk of UTF-8 (cut at white space by the caller) and calls `body`
    /// with each token's bytes.
    mutating func tokenizeChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        source.reserve(bytes.count + 16)
        let decoded = decodeUTF8(bytes, into: source.base)
        let normalizedCount = normalize(sourceCount: decoded.count, isASCII: decoded.isASCII)
        let count = canonicalize(count: normalizedCount)
        try tokenizeNormalized(count: count, body)
    }

    /// Splits the normalized text at white space, takes out the special tokens (URLs,
    /// e-mail addresses, mentions, hashtag signs, emoticons) and segments what lies
    /// between them with ICU.
    private mutating func tokenizeNormalized(
        count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        // A local copy of the pointer: every access to a class's stored property costs a
        // dynamic exclusivity check, too much once per code unit.
        let text = self.text.base
        var regionStart = 0
        var index = 0
        while index < count {
            while index < count && text[index].isWhiteSpace { index += 1 }
            let chunkStart = index
            var hasTrigger = false, hasFullStop = false
            while index < count {
                let unit = text[index]
                if unit.isWhiteSpace { break }
                hasTrigger = hasTrigger || unit.isSpecialTokenTrigger
                hasFullStop = hasFullStop || unit == .fullStop
                index += 1
            }
            guard chunkStart < index else { break }
            // Most chunks are plain words: only look closer at those that could hold
            // a special token (see `UInt16.isSpecialTokenTrigger`).
            if hasTrigger || (hasFullStop && (index - chunkStart == 3 || text[chunkStart] == .ascii("w")
                || text[chunkStart] == .ascii("(") || text[chunkStart] == .quotationMark
                || text[chunkStart] == .apostrophe || text[chunkStart] == .ascii("[")))
            {
                var position = chunkStart
                while position < index, let special = findSpecialToken(in: position..<index) {
                    try segment(regionStart..<special.range.lowerBound, body)
                    try emit(special, body)
                    regionStart = special.range.upperBound
                    position = regionStart
                }
                if position > chunkStart { continue }
            }
            if usesASCIIFastPath && isSimpleASCIIChunk(chunkStart..<index) {
                try segment(regionStart..<chunkStart, body)
                try emitSimpleASCIIChunk(chunkStart..<index, body)
                regionStart = index
            }
        }
        try segment(regionStart..<count, body)
    }
}
