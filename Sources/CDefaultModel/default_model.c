#include "cdefaultmodel.h"

extern const unsigned char sentiment_default_model_start[];
extern const unsigned char sentiment_default_model_end[];

const unsigned char *sentiment_default_model_bytes(void) {
    return sentiment_default_model_start;
}

size_t sentiment_default_model_size(void) {
    return (size_t)(sentiment_default_model_end - sentiment_default_model_start);
}
