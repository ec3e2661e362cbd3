import CICU

/// The working memory of one tokenizer call: the decoded chunk, its normalized form, ICU's
/// word boundaries and the bytes of the token being handed out. One per call, so calls on
/// several threads never share state; buffers are reused across the chunks of a call.
///
/// A call runs four stages over each chunk of the input (see `Tokenizer`):
/// decode (UTF-8 → UTF-16, `UTF8Transcoding.swift`) → normalize (NFKC_Casefold,
/// `Normalization.swift`; apostrophes and repeats, `Canonicalization.swift`) → find
/// special tokens between white space (`SpecialTokens.swift`, `Emoticons.swift`) →
/// segment the rest with ICU and apply the token rules (`WordSegmentation.swift`,
/// `Clitics.swift`, `PTBEscapes.swift`), emitting bytes (`TokenEmission.swift`).
final class TokenizerWorkspace {
    let options: TokenizerOptions
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

    init(options: TokenizerOptions, expectedLength: Int) {
        self.options = options
        let capacity = expectedLength + 16
        source = ScratchBuffer(capacity: capacity)
        text = ScratchBuffer(capacity: capacity)
        boundaries = ScratchBuffer(capacity: capacity + 1)
        statuses = ScratchBuffer(capacity: capacity + 1)
        tokenBytes = ScratchBuffer(capacity: 256)
    }

    deinit {
        source.deallocate()
        text.deallocate()
        boundaries.deallocate()
        statuses.deallocate()
        tokenBytes.deallocate()
    }

    /// Tokenizes one chunk of UTF-8 (cut at white space by the caller) and calls `body`
    /// with each token's bytes.
    func tokenizeChunk(
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
    private func tokenizeNormalized(
        count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var regionStart = 0
        var index = 0
        while index < count {
            while index < count && text[index].isWhiteSpace { index += 1 }
            let chunkStart = index
            while index < count && !text[index].isWhiteSpace { index += 1 }
            var position = chunkStart
            while position < index, let special = findSpecialToken(in: position..<index) {
                try segment(regionStart..<special.range.lowerBound, body)
                try emit(special, body)
                regionStart = special.range.upperBound
                position = regionStart
            }
        }
        try segment(regionStart..<count, body)
    }
}
