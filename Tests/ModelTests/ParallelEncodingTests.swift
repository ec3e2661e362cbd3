import Model
import Text
import Vocabulary
import XCTest

final class ParallelEncodingTests: XCTestCase {
    /// Enough texts for several chunks on every core: the results come back in input
    /// order, each the encoding of its own text.
    func testEncodeInParallelKeepsOrder() {
        let texts = (0..<5000).map { String(repeating: "w ", count: $0 % 13) + String($0) }
        let encode: (String) -> [Int32] = { text in text.utf8.map { Int32($0) } }
        XCTAssertEqual(encodeInParallel(texts, encode: encode), texts.map(encode))
        XCTAssertEqual(encodeInParallel(["one"], encode: encode), [encode("one")])
        XCTAssertEqual(encodeInParallel([], encode: encode), [])
    }

    /// Counting on every core gives the counts one pass gives: the same vocabulary file.
    func testCountingOnEveryCoreCountsWhatOnePassCounts() throws {
        let texts = (0..<3000).map { "Word\($0 % 97) and word\($0 % 13), isn't it \($0 % 5)?" }
        let tokenizer = Tokenizer()
        let parallel = TokenizedCorpus(texts, tokenizer: tokenizer).vocabularyCounts()
        let serial = onePassCounts(texts, tokenizer: tokenizer)
        XCTAssertEqual(parallel.totalTokenCount, serial.totalTokenCount)
        XCTAssertEqual(try parallel.build().fileContents(), try serial.build().fileContents())
        XCTAssertEqual(TokenizedCorpus([], tokenizer: tokenizer).vocabularyCounts().totalTokenCount, 0)
    }

    private func onePassCounts(_ texts: [String], tokenizer: Tokenizer) -> VocabularyBuilder {
        var counts = VocabularyBuilder()
        for text in texts { counts.add(tokensOf: text, using: tokenizer) }
        return counts
    }

    /// Texts that take every path of `TextEncoder.encode`: emoji read by name, stretched
    /// words, emoticon families, reserved spellings, no tokens at all, and long texts.
    let varied: [String] = (0..<2600).map { index in
        switch index % 9 {
        case 0: return "a greeeat film \(index % 31) 🙌"
        case 1: return "so sad :-( \(index % 7)"
        case 2: return "<unk> and <pad> are words here"
        case 3: return ""
        case 4: return "   "
        case 5: return (0..<(40 + index % 23)).map { "w\($0 % 17)" }.joined(separator: " ")
        case 6: return "fine :( 😀 sooooo good"
        case 7: return "Rare\(index) word\(index % 3), isn't it?"
        default: return "the plot \(index % 11) is thin"
        }
    }

    /// Counting from texts tokenized once counts what counting the counted texts alone
    /// does (the others are read, not counted), on several chunks.
    func testTokenizedCorpusCountsOnlyTheCountedTexts() throws {
        let tokenizer = Tokenizer()
        let counted = { (index: Int) in index % 4 != 1 }
        let corpus = TokenizedCorpus(varied, tokenizer: tokenizer, counted: counted)
        let countedTexts = varied.indices.filter(counted).map { varied[$0] }
        let expected = onePassCounts(countedTexts, tokenizer: tokenizer)
        let counts = corpus.vocabularyCounts()
        XCTAssertEqual(counts.totalTokenCount, expected.totalTokenCount)
        XCTAssertEqual(counts.distinctTokenCount, expected.distinctTokenCount)
        XCTAssertEqual(try counts.build().fileContents(), try expected.build().fileContents())
        // Not vacuous: the uncounted texts hold tokens no counted text has ("Rare25" …).
        let everyToken = Set(TokenizedCorpus(varied, tokenizer: tokenizer).vocabularyCounts().build().tokens)
        XCTAssertFalse(everyToken.subtracting(counts.build().tokens).isEmpty)
    }

    /// Encoding from the tokens read once gives every text the ids `encode` of the text
    /// gives, with each reading rule on and off, truncated or not.
    func testEncodingTokenizedTextsGivesEncodesIDs() throws {
        let plain = Tokenizer()
        var builder = VocabularyBuilder()
        for text in varied.prefix(400) { builder.add(tokensOf: text, using: plain) }
        builder.add(["great", "so", "good", "raising", "hands", ":(", "grinning", "face"])
        let vocabulary = builder.build(minCount: 1)
        let allRules = TokenizerOptions(emojiNames: true, shortenElongations: true, emoticonFamilies: true)
        for options in [TokenizerOptions(), allRules] {
            for maxLength in [nil, 16] as [Int?] {
                let tokenizer = Tokenizer(options: options)
                let encoder = TextEncoder(tokenizer: tokenizer, vocabulary: vocabulary, maxLength: maxLength)
                let corpus = TokenizedCorpus(varied, tokenizer: tokenizer)
                let expected = varied.map(encoder.encode)
                XCTAssertEqual(encoder.encode(corpus), expected, "\(options), max length \(String(describing: maxLength))")
                if options == allRules {
                    // The rules changed something, so both paths were taken.
                    XCTAssertNotEqual(expected, varied.map(TextEncoder(tokenizer: plain, vocabulary: vocabulary,
                                                                       maxLength: maxLength).encode))
                }
            }
        }
    }
}
