// A plain-C face for the few ICU services the tokenizer uses. Only cicu.c includes
// <unicode/*.h>: ICU renames its symbols per version (ubrk_open_72) and its headers
// clash with Foundation's in a Swift file, so Swift sees this header alone.
//
// Text is UTF-16 code units (`uint16_t`, ICU's UChar) throughout. Every function is safe
// to call from several threads at once.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

/// ICU's major version, e.g. 72 (proves the library links).
int32_t cicu_version_major(void);

/// NFKC_Casefold normalization of `source[0..<length]` into `destination`, in one pass
/// (ICU's NFKC_Casefold instance), except that U+200D ZERO WIDTH JOINER and the tag
/// characters U+E0020…U+E007F pass through unchanged: NFKC_Casefold deletes them as
/// default-ignorable, which would break emoji ZWJ sequences (👨‍👩‍👧) and subdivision
/// flags apart. The tokenizer drops them itself outside emoji tokens.
///
/// Returns the length of the normalized text. If that exceeds `capacity`, nothing
/// useful was written: call again with a destination of at least that length.
/// Returns -1 if ICU fails for any other reason (no data, bad arguments).
int32_t cicu_normalize_nfkc_casefold(const uint16_t *source, int32_t length,
                                     uint16_t *destination, int32_t capacity);

/// UAX #29 word boundaries of `text[0..<length]` (ICU's UBRK_WORD, root locale).
///
/// Writes the boundary offsets to `boundaries` (the first is 0, the last is `length`) and,
/// for each segment `i` (between boundaries i and i+1), its ICU rule status to
/// `statuses[i]`: 0..<100 none (spaces, punctuation, symbols, emoji), 100..<200 number,
/// 200..<300 letters, 300..<400 kana, 400..<500 ideographs. Both arrays need room for
/// `length + 1` entries. Returns the number of boundaries (segments + 1), or -1 on failure.
///
/// Uses one break iterator per thread, cloned from a shared prototype on first use,
/// and finishes with it before returning, so calls may nest and run in parallel.
int32_t cicu_word_boundaries(const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses);

/// Whether `c` has the Unicode property Extended_Pictographic (the emoji family).
int32_t cicu_is_extended_pictographic(int32_t c);

/// Whether `c` is an emoji modifier (the five skin tones, U+1F3FB…U+1F3FF).
int32_t cicu_is_emoji_modifier(int32_t c);

/// Writes `c`'s Unicode character name (e.g. "THUMBS UP SIGN"), NUL-terminated, into
/// `buffer` and returns its length; 0 when `c` has no name or it does not fit.
int32_t cicu_character_name(int32_t c, char *buffer, int32_t capacity);

/// Whether `c` never belongs in a token: white space, a control character (Cc) or
/// a format character (Cf, e.g. U+200D, U+E0020…U+E007F, U+FEFF).
int32_t cicu_is_ignorable(int32_t c);

#endif
