// Element-wise sums the training step runs over whole batches: y = a + b, and the column
// sums of a matrix (the bias gradients). Each element's arithmetic is one float addition
// in a fixed order (a column's rows top to bottom), whatever the vector width, so every
// clone gives the same bits. Written in Swift they were compiled for the baseline
// instruction set (SSE2, four floats an operation); here each is cloned for AVX-512 and
// AVX2 as well.
#include "ckernels.h"

#include "ck_math.h"

#if defined(__clang__)
#define CK_WIDE __attribute__((min_vector_width(512)))
#else
#define CK_WIDE
#endif

CK_CLONES CK_WIDE void ck_add(float *y, const float *a, const float *b, ptrdiff_t count) {
    // y may be a or b (an in-place sum): each element is read before it is written.
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
        y[i] = a[i] + b[i];
    }
}

CK_CLONES CK_WIDE void ck_add_column_sums(float *sums, const float *matrix, ptrdiff_t rows, ptrdiff_t columns) {
    for (ptrdiff_t r = 0; r < rows; r++) {
        const float *row = matrix + r * columns;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < columns; j++) {
            sums[j] += row[j];
        }
    }
}
