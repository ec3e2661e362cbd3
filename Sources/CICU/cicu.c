#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/uversion.h>

int32_t cicu_version_major(void) {
    UVersionInfo version;
    u_getVersion(version);
    return version[0];
}

// MARK: - Normalization

// ICU normalizers are immutable once built, hence shareable across threads.
static pthread_once_t normalizer_once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *normalizer = NULL;

static void make_normalizer(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return;
    // Filter: normalize everything except ZWJ and the tag characters (see cicu.h).
    USet *filter = uset_openEmpty();
    uset_add(filter, 0x200D);
    uset_addRange(filter, 0xE0020, 0xE007F);
    uset_complement(filter);
    uset_freeze(filter);
    const UNormalizer2 *filtered = unorm2_openFiltered(casefold, filter, &status);
    // The filtered normalizer keeps a pointer to the set: both live for the process.
    if (U_FAILURE(status)) return;
    normalizer = filtered;
}

int32_t cicu_normalize_nfkc_casefold(const uint16_t *source, int32_t length,
                                     uint16_t *destination, int32_t capacity) {
    pthread_once(&normalizer_once, make_normalizer);
    if (normalizer == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length,
                                       (UChar *)destination, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return written;
    if (U_FAILURE(status)) return -1;
    return written;
}

// MARK: - Word boundaries

// A break iterator holds its text and position, so each thread gets its own clone of
// one prototype (opening from the rules is far slower than cloning).
static pthread_once_t breaker_once = PTHREAD_ONCE_INIT;
static UBreakIterator *prototype = NULL;
static pthread_key_t breaker_key;

static void close_breaker(void *breaker) {
    ubrk_close((UBreakIterator *)breaker);
}

static void make_prototype(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *made = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) return;
    if (pthread_key_create(&breaker_key, close_breaker) != 0) {
        ubrk_close(made);
        return;
    }
    prototype = made;
}

static UBreakIterator *thread_breaker(void) {
    pthread_once(&breaker_once, make_prototype);
    if (prototype == NULL) return NULL;
    UBreakIterator *breaker = pthread_getspecific(breaker_key);
    if (breaker != NULL) return breaker;
    UErrorCode status = U_ZERO_ERROR;
    breaker = ubrk_clone(prototype, &status);
    if (U_FAILURE(status)) return NULL;
    pthread_setspecific(breaker_key, breaker);
    return breaker;
}

int32_t cicu_word_boundaries(const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses) {
    UBreakIterator *breaker = thread_breaker();
    if (breaker == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    boundaries[count++] = ubrk_first(breaker);
    for (int32_t next = ubrk_next(breaker); next != UBRK_DONE; next = ubrk_next(breaker)) {
        statuses[count - 1] = ubrk_getRuleStatus(breaker);
        boundaries[count++] = next;
    }
    // Drop the iterator's reference to the caller's buffer before it goes away.
    static const UChar empty[1] = {0};
    status = U_ZERO_ERROR;
    ubrk_setText(breaker, empty, 0, &status);
    return count;
}

// MARK: - Character properties

int32_t cicu_is_extended_pictographic(int32_t c) {
    return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ? 1 : 0;
}

int32_t cicu_is_emoji_modifier(int32_t c) {
    return u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ? 1 : 0;
}

int32_t cicu_character_name(int32_t c, char *buffer, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = u_charName(c, U_UNICODE_CHAR_NAME, buffer, capacity, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || length >= capacity) return 0;
    return length;
}

int32_t cicu_is_ignorable(int32_t c) {
    if (u_isUWhiteSpace(c)) return 1;
    int8_t type = u_charType(c);
    return (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) ? 1 : 0;
}
