/// The plain spelling of an emoticon's family: one face written many ways (`:-(`, `=(`,
/// `:((`, `):`) reads as the spelling a vocabulary is likeliest to have learned well
/// (`:(`). The tokenizer keeps every emoticon whole, so without this each spelling is a
/// token of its own, most of them seen a handful of times in training.
///
/// Works on a token as the tokenizer emits it (case-folded UTF-8: `:D` is `:d`), with the
/// tokenizer's own eyes, noses and mouths (`Emoticons.swift`).
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
        let units = token.map(UInt16.init)
        switch String(decoding: token, as: UTF8.self) {
        case "(:", "(-:": return ":)"
        case "):", ")-:", ">:(": return ":("
        default: break
        }
        let eyes = units[0]
        guard isEmoticonEye(eyes) else { return nil }
        let mouthAt = isEmoticonNose(units[1]) ? 2 : 1
        guard mouthAt < units.count, isMouth(units[mouthAt], eyes: eyes),
              units[mouthAt...].allSatisfy({ $0 == units[mouthAt] }) else { return nil }
        let mouth: Character = switch Character(Unicode.Scalar(units[mouthAt])!) {
        case "]": ")"
        case "[": "("
        case "\\": "/"
        case let other: other
        }
        guard eyes == .ascii(";") else { return ":" + String(mouth) }
        switch mouth {
        case ")", "d": return ";)"
        case "p": return ":p"
        default: return nil
        }
    }
}
