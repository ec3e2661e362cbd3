/// The plain spelling of an emoticon's family: one face written many ways (`:-(`, `=(`,
/// `:((`, `):`) reads as the spelling a vocabulary is likeliest to have learned well
/// (`:(`). The tokenizer keeps every emoticon whole, so without this each spelling is a
/// token of its own, most of them seen a handful of times in training.
///
/// Works on a token as the tokenizer emits it (case-folded UTF-8: `:D` is `:d`).
public enum EmoticonFamily {
    /// The family's plain spelling for the emoticon `token`, or nil when `token` is not an
    /// emoticon of a family:
    /// - eyes `:` or `=`, an optional nose (`-` `'` `^`) and a mouth repeated any number of
    ///   times read as `:` and one mouth, with `]` as `)`, `[` as `(` and `\` as `/`
    ///   (`:-)` `=]` `:)))` → `:)`; `:'(` `=[` → `:(`; `:-d` → `:d`);
    /// - the mirrored faces: `(:` `(-:` → `:)`, `):` `)-:` → `:(`; and `>:(` → `:(`;
    /// - a wink, `;` with `)` `]` or `d` (nose and repeats as above) → `;)`, and `;p` → `:p`.
    ///
    /// The result may be `token` itself (`:)`).
    public static func plainSpelling(ofUTF8 token: UnsafeBufferPointer<UInt8>) -> String? {
        // Most tokens are words: one look at the first byte turns them away.
        guard token.count >= 2, let first = token.first, ":;=()>".utf8.contains(first),
              token.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = Array(token)
        switch bytes {
        case [0x28, 0x3A], [0x28, 0x2D, 0x3A]: return ":)"   // (:  (-:
        case [0x29, 0x3A], [0x29, 0x2D, 0x3A]: return ":("   // ):  )-:
        case [0x3E, 0x3A, 0x28]: return ":("                  // >:(
        default: break
        }
        let eyes = Unicode.Scalar(bytes[0])
        guard eyes == ":" || eyes == "=" || eyes == ";" else { return nil }
        var index = 1
        if index < bytes.count, "-'^".unicodeScalars.contains(Unicode.Scalar(bytes[index])) { index += 1 }
        guard index < bytes.count else { return nil }
        let mouth = bytes[index]
        guard bytes[index...].allSatisfy({ $0 == mouth }) else { return nil }
        let plainMouth: Unicode.Scalar = switch Unicode.Scalar(mouth) {
        case "]": ")"
        case "[": "("
        case "\\": "/"
        default: Unicode.Scalar(mouth)
        }
        // A mouth is a punctuation mark or a letter, never a letter-like eye's neighbour
        // such as a digit or a space.
        guard plainMouth.properties.isAlphabetic || "()/|*$@{}".unicodeScalars.contains(plainMouth)
                || plainMouth == "3" else { return nil }
        if eyes == ";" {
            switch plainMouth {
            case ")", "d": return ";)"
            case "p": return ":p"
            default: return nil
            }
        }
        return ":" + String(plainMouth)
    }
}
