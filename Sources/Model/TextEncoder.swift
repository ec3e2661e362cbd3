import Text
import Vocabulary

/// Text → token ids: the tokenizer, the vocabulary, and the length limit.
///
/// Texts longer than `maxLength` tokens keep their head and their tail and lose the
/// middle: the first quarter of the budget from the start, the rest from the end. A
/// review's opening sets the topic and its ending usually gives the verdict (Sun et al.,
/// 2019, found head+tail beat head-only and tail-only truncation for long reviews).
public struct TextEncoder: Sendable {
    public let tokenizer: Tokenizer
    public let vocabulary: Vocabulary
    /// Token limit per text, or nil for none.
    public let maxLength: Int?

    public init(tokenizer: Tokenizer, vocabulary: Vocabulary, maxLength: Int?) {
        precondition(maxLength.map { $0 >= 1 } ?? true, "maxLength must be at least 1")
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        self.maxLength = maxLength
    }

    /// Token ids of `text`, truncated head+tail to `maxLength`. Never empty: a text with
    /// no tokens encodes as `[unknownID]`, so every text gets a prediction. With the
    /// tokenizer option `emojiNames`, an emoji the vocabulary lacks reads as the known
    /// words of its name; with `shortenElongations`, a stretched word it lacks reads as a
    /// shortened spelling it holds; with `emoticonFamilies`, an emoticon reads as its
    /// family's plain spelling when it holds that (`:-(` → `:(`).
    public func encode(_ text: String) -> [Int32] {
        finished(read(text, positions: nil))
    }

    /// A text's ids as the model reads them: `<unk>` alone for a text with no tokens,
    /// head and tail kept for one over `maxLength`.
    private func finished(_ ids: [Int32]) -> [Int32] {
        if ids.isEmpty { return [Vocabulary.unknownID] }
        return truncatedHeadAndTail(ids, maxLength: maxLength)
    }

    /// What the model reads of `text`, position by position: `encode`'s ids, and where each
    /// came from. `explain` shows these.
    public func reading(_ text: String) -> Reading {
        var positions: [ReadPosition] = []
        let ids = read(text, positions: &positions)
        let tokenCount = positions.count
        return Reading(ids: truncatedHeadAndTail(ids, maxLength: maxLength),
                       positions: truncatedHeadAndTail(positions, maxLength: maxLength),
                       truncated: tokenCount > (maxLength ?? .max))
    }

    /// The ids of `text` before truncation, and where each came from when `positions` is
    /// given. Tokens go straight from the tokenizer's bytes to ids: no String per token
    /// (an emoji read as its name is rare, and tokenizing its name may nest: each
    /// `forEachToken` has its own workspace).
    private func read(_ text: String, positions: UnsafeMutablePointer<[ReadPosition]>?) -> [Int32] {
        var ids: [Int32] = []
        var tokenIndex = 0
        tokenizer.forEachToken(in: text) { token in
            appendIDs(of: token, tokenIndex: tokenIndex, to: &ids, positions: positions)
            tokenIndex += 1
        }
        return ids
    }

    /// Appends what the model reads in place of one token: its id, or (see `encode`) the
    /// id of its emoticon family's or its shortened spelling, or the known words of an
    /// emoji's name. Depends on the token alone, so a token read once serves every text
    /// it occurs in (`encode(_: TokenizedTexts)`).
    private func appendIDs(of token: UnsafeBufferPointer<UInt8>, tokenIndex: Int, to ids: inout [Int32],
                           positions: UnsafeMutablePointer<[ReadPosition]>?) {
        if tokenizer.options.emoticonFamilies, let plain = EmoticonFamily.plainSpelling(ofUTF8: token),
           !plain.utf8.elementsEqual(token) {
            let plainID = vocabulary.id(of: plain)
            if plainID != Vocabulary.unknownID {
                ids.append(plainID)
                positions?.pointee.append(ReadPosition(token: tokenIndex, nameWord: nil, spelling: plain))
                return
            }
        }
        let id = vocabulary.id(ofUTF8: token)
        if id == Vocabulary.unknownID, tokenizer.options.shortenElongations,
           let shortened = vocabulary.shortenedSpelling(of: token) {
            ids.append(shortened.id)
            positions?.pointee.append(ReadPosition(token: tokenIndex, nameWord: nil, spelling: shortened.spelling))
            return
        }
        if id == Vocabulary.unknownID, tokenizer.options.emojiNames, let name = EmojiNames.name(ofUTF8: token) {
            let words = knownWords(of: name)
            if !words.isEmpty {
                ids += words.map(\.id)
                positions?.pointee += words.map { ReadPosition(token: tokenIndex, nameWord: $0.word) }
                return
            }
        }
        ids.append(id)
        positions?.pointee.append(ReadPosition(token: tokenIndex, nameWord: nil))
    }

    /// `encode` of each of `texts`, which `tokenizer` has already tokenized: each
    /// distinct token is read once, then each text is put together from its tokens.
    public func encode(_ texts: TokenizedTexts) -> [[Int32]] {
        // The ids read for each distinct token, back to back.
        var tokenIDs: [Int32] = [], tokenEnds: [Int] = [0]
        tokenIDs.reserveCapacity(texts.distinctTokenCount)
        tokenEnds.reserveCapacity(texts.distinctTokenCount + 1)
        texts.forEachDistinctToken { token in
            appendIDs(of: token, tokenIndex: 0, to: &tokenIDs, positions: nil)
            tokenEnds.append(tokenIDs.count)
        }
        let oneIDEach = tokenIDs.count == texts.distinctTokenCount
        return (0..<texts.count).map { index in
            let tokens = texts.tokens(ofText: index)
            var ids: [Int32]
            if oneIDEach {
                ids = tokens.map { tokenIDs[Int($0)] }
            } else {
                ids = []
                for token in tokens { ids += tokenIDs[tokenEnds[Int(token)]..<tokenEnds[Int(token) + 1]] }
            }
            return finished(ids)
        }
    }

    /// The tokens of an emoji's `name` that the vocabulary holds, with their ids.
    private func knownWords(of name: String) -> [(id: Int32, word: String)] {
        var words: [(id: Int32, word: String)] = []
        tokenizer.forEachToken(in: name) { token in
            let id = vocabulary.id(ofUTF8: token)
            if id != Vocabulary.unknownID { words.append((id, String(decoding: token, as: UTF8.self))) }
        }
        return words
    }
}

/// What a model reads of one text (`TextEncoder.reading`).
public struct Reading: Sendable {
    /// `TextEncoder.encode`'s ids, except that a text with no tokens has none here.
    public var ids: [Int32]
    /// [position] where each id came from.
    public var positions: [ReadPosition]
    /// True when the text had more positions than the model's limit and lost its middle.
    public var truncated: Bool
}

/// Where one position of a `Reading` came from.
public struct ReadPosition: Equatable, Sendable {
    /// The index of the tokenizer's token (as `Tokenizer.tokenize` lists them).
    public var token: Int
    /// For a word read in place of an emoji the vocabulary lacks, that word of its name;
    /// nil otherwise.
    public var nameWord: String?
    /// The spelling read in the token's place: for an elongated word the vocabulary lacks,
    /// a shortened one (`greeeat` → `great`; the tokenizer option `shortenElongations`);
    /// for an emoticon, its family's plain one (`:-(` → `:(`; `emoticonFamilies`); nil
    /// otherwise.
    public var spelling: String? = nil
}

/// `ids` cut to at most `maxLength` by keeping `maxLength / 4` from the start and the
/// rest from the end.
public func truncatedHeadAndTail<Element>(_ ids: [Element], maxLength: Int?) -> [Element] {
    guard let maxLength, ids.count > maxLength else { return ids }
    let head = truncationHeadCount(maxLength: maxLength)
    let tail = maxLength - head
    return Array(ids[..<head]) + Array(ids[(ids.count - tail)...])
}

/// How many of a long text's `maxLength` kept tokens come from its start (the rest come
/// from its end).
public func truncationHeadCount(maxLength: Int) -> Int {
    maxLength / 4
}
