#include "cdefaultmodel.h"

// The default model's bytes, embedded at compile time with C23 #embed. Unlike an
// assembler .incbin, #embed is recorded in the compiler's dependency file, so replacing
// model/default.safetensors rebuilds this file and the binary carries the new model.
// An empty model file means "no model embedded" (size 0).
#pragma clang diagnostic ignored "-Wc23-extensions"

#if __has_embed("model/default.safetensors") == __STDC_EMBED_FOUND__
static const unsigned char default_model[] = {
#embed "model/default.safetensors"
};

const unsigned char *sentiment_default_model_bytes(void) {
    return default_model;
}

size_t sentiment_default_model_size(void) {
    return sizeof default_model;
}
#else
const unsigned char *sentiment_default_model_bytes(void) {
    return (const unsigned char *)0;
}

size_t sentiment_default_model_size(void) {
    return 0;
}
#endif
