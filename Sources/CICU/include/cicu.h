// A plain-C face for the few ICU services the tokenizer uses. Only cicu.c includes
// <unicode/*.h>: ICU renames its symbols per version (ubrk_open_72) and its headers
// clash with Foundation's in a Swift file, so Swift sees this header alone.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

/// ICU's major version, e.g. 72 (proves the library links).
int32_t cicu_version_major(void);

#endif
