// The default English model, compiled into the binary (see default_model.c).
#ifndef CDEFAULTMODEL_H
#define CDEFAULTMODEL_H

#include <stddef.h>

/// The bytes of the embedded `.safetensors` model file (NULL when none).
const unsigned char *sentiment_default_model_bytes(void);
/// Their count; 0 when the build embeds no model.
size_t sentiment_default_model_size(void);

#endif
