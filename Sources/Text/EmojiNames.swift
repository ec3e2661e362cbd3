import CICU

/// What an emoji says in words: the Unicode names of its characters, lower-cased. A model
/// whose vocabulary lacks an emoji can read its name instead of `<unk>` (`TextEncoder`),
/// as tweet models such as BERTweet turn emoji into their names before reading.
public enum EmojiNames {
    /// The name of the emoji sequence `token`: "thumbs up sign" for 👍 and for 👍🏽,
    /// "man woman girl" for 👨‍👩‍👧, "face palm" for 🤦‍♀️. Skin tones, joiners, variation
    /// selectors, tags and a joined sequence's gender signs name nothing. Nil when the
    /// token does not start with an emoji (Extended_Pictographic: flags and keycaps do
    /// not) or none of its characters has a name.
    public static func name(ofUTF8 token: UnsafeBufferPointer<UInt8>) -> String? {
        let scalars = String(decoding: token, as: UTF8.self).unicodeScalars
        guard let first = scalars.first, isPictographic(first) else { return nil }
        var words: [String] = []
        var afterJoiner = false
        for scalar in scalars {
            defer { afterJoiner = scalar.value == 0x200D }
            guard isPictographic(scalar), cicu_is_emoji_modifier(Int32(bitPattern: scalar.value)) == 0 else { continue }
            if afterJoiner && (scalar.value == 0x2640 || scalar.value == 0x2642) { continue }
            if let name = characterName(scalar) { words.append(name.lowercased()) }
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    private static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        cicu_is_extended_pictographic(Int32(bitPattern: scalar.value)) != 0
    }

    /// ICU's Unicode name of `scalar` ("THUMBS UP SIGN"); nil when it has none.
    private static func characterName(_ scalar: Unicode.Scalar) -> String? {
        // The longest Unicode name is 88 characters.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buffer in
            let length = cicu_character_name(Int32(bitPattern: scalar.value), buffer.baseAddress!, Int32(buffer.count))
            guard length > 0 else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(length)), as: UTF8.self)
        }
    }
}
