// Fuzz target: `TextEncoder` reading emoji the vocabulary lacks as their Unicode names, on
// raw bytes (invalid UTF-8 included), with a token limit.
//
// Besides not crashing: `encode` and `reading` give the same ids; every position names a
// token of the text; a word read for an emoji comes only from a token that `EmojiNames`
// names, and it is a word of that name that the vocabulary holds; with the option off,
// positions and tokens are one to one. With `emoticonFamilies` on instead, positions and
// tokens are one to one too, and a spelling read in a token's place is that token's
// `EmoticonFamily.plainSpelling`, held by the vocabulary under the id read.
@testable import Model
import Text
import Vocabulary

private let vocabulary = Vocabulary(
    tokens: ["<pad>", "<unk>", "face", "heart", "of", "sign", "up", "with", "good", "😡", ":(", ":)", ";)", ":-("],
    counts: [0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9])
private let named = TextEncoder(tokenizer: Tokenizer(options: TokenizerOptions(emojiNames: true)),
                                vocabulary: vocabulary, maxLength: 12)
private let plain = TextEncoder(tokenizer: Tokenizer(), vocabulary: vocabulary, maxLength: nil)
private let families = TextEncoder(tokenizer: Tokenizer(options: TokenizerOptions(emoticonFamilies: true)),
                                   vocabulary: vocabulary, maxLength: nil)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncoderEmojiNames(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let tokens = named.tokenizer.tokenize(text)
    let reading = named.reading(text)
    fuzzCheck(reading.ids == (reading.ids.isEmpty ? [] : named.encode(text)), "reading \(reading.ids) != encode")
    fuzzCheck(reading.ids.count == reading.positions.count, "ids and positions differ in count")
    fuzzCheck(reading.ids.count <= 12, "more ids than the limit")
    for (id, position) in zip(reading.ids, reading.positions) {
        fuzzCheck(tokens.indices.contains(position.token), "position names token \(position.token) of \(tokens.count)")
        guard let word = position.nameWord else { continue }
        var token = tokens[position.token]
        let name = token.withUTF8 { EmojiNames.name(ofUTF8: $0) }
        fuzzCheck(name != nil, "a name word for \(token.debugDescription), which has no name")
        fuzzCheck(id != Vocabulary.unknownID && vocabulary.id(of: word) == id, "name word \(word) is not id \(id)")
        fuzzCheck(name.map { named.tokenizer.tokenize($0).contains(word) } ?? false, "\(word) is not in \(name ?? "")")
    }
    let unnamed = plain.reading(text)
    fuzzCheck(unnamed.positions.map(\.token) == Array(tokens.indices), "without the option, positions are the tokens")
    fuzzCheck(unnamed.positions.allSatisfy { $0.nameWord == nil }, "a name word without the option")
    let byFamily = families.reading(text)
    fuzzCheck(byFamily.positions.map(\.token) == Array(tokens.indices), "read by family, positions are the tokens")
    for (id, position) in zip(byFamily.ids, byFamily.positions) {
        guard let spelling = position.spelling else { continue }
        var token = tokens[position.token]
        let family = token.withUTF8 { EmoticonFamily.plainSpelling(ofUTF8: $0) }
        fuzzCheck(family == spelling && spelling != token, "\(spelling) read for \(token.debugDescription)")
        fuzzCheck(vocabulary.id(of: spelling) == id && id != Vocabulary.unknownID, "\(spelling) is not id \(id)")
    }
    return 0
}
