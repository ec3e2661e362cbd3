// The recurrent step's matrix product, C (m×n) = A (m×k)·B (k×n) [+ C], with B packed
// once into column panels and reused by every step of a batch.
//
// A recurrent layer multiplies the same W_hh by a few dozen rows (the sequences still
// running) at every time step. BLAS packs W_hh again on each of those calls, and for
// so few rows the packing costs about as much as the product. Here the caller packs
// it once per pass (ck_pack_panels) and each step runs only the register-blocked
// product: ROWS rows of A by one PANEL-wide panel of B, accumulated over k in vector
// registers, with each step of k one fused multiply-add per accumulator, in k order.
#include "ckernels.h"

#include "ck_math.h"

#define PANEL 64
#define ROWS 6

typedef float ck_v16 __attribute__((vector_size(64), aligned(4)));

// Without this, the AVX-512 clone would split each 16-float vector into two 8-float
// halves (the compiler prefers 256-bit vectors unless told otherwise).
#if defined(__clang__)
#define CK_WIDE __attribute__((min_vector_width(512)))
#else
#define CK_WIDE
#endif

ptrdiff_t ck_panels_count(ptrdiff_t k, ptrdiff_t n) {
    return (n + PANEL - 1) / PANEL * PANEL * k;
}

void ck_pack_panels(const float *b, ptrdiff_t ldb, int transposed, ptrdiff_t k, ptrdiff_t n, float *panels) {
    for (ptrdiff_t first = 0; first < n; first += PANEL) {
        float *panel = panels + first * k;
        const ptrdiff_t width = n - first < PANEL ? n - first : PANEL;
        for (ptrdiff_t kk = 0; kk < k; kk++) {
            float *row = panel + kk * PANEL;
            for (ptrdiff_t j = 0; j < width; j++) {
                row[j] = transposed ? b[(first + j) * ldb + kk] : b[kk * ldb + first + j];
            }
            for (ptrdiff_t j = width; j < PANEL; j++) row[j] = 0;
        }
    }
}

// rows (a compile-time constant at each call) rows of A times one panel into the first
// `width` columns of C.
static inline __attribute__((always_inline)) CK_WIDE
void panel_tile(const int rows, const float *a, ptrdiff_t lda, const float *panel, ptrdiff_t k,
                float *c, ptrdiff_t ldc, ptrdiff_t width, int accumulate) {
    ck_v16 sum[ROWS][4];
    for (int r = 0; r < rows; r++) {
        for (int q = 0; q < 4; q++) sum[r][q] = (ck_v16){0};
    }
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        ck_v16 b[4];
        memcpy(b, panel + kk * PANEL, sizeof b);
        for (int r = 0; r < rows; r++) {
            const float s = a[r * lda + kk];
            for (int q = 0; q < 4; q++) sum[r][q] += s * b[q];
        }
    }
    for (int r = 0; r < rows; r++) {
        float *out = c + r * ldc;
        if (width == PANEL) {
            for (int q = 0; q < 4; q++) {
                if (accumulate) {
                    ck_v16 old;
                    memcpy(&old, out + 16 * q, sizeof old);
                    sum[r][q] += old;
                }
                memcpy(out + 16 * q, &sum[r][q], sizeof sum[r][q]);
            }
        } else {
            float row[PANEL];
            memcpy(row, sum[r], sizeof row);
            for (ptrdiff_t j = 0; j < width; j++) out[j] = accumulate ? row[j] + out[j] : row[j];
        }
    }
}

CK_CLONES CK_WIDE
void ck_panel_gemm(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                   const float *panels, int accumulate, float *c, ptrdiff_t ldc) {
    for (ptrdiff_t first = 0; first < n; first += PANEL) {
        const float *panel = panels + first * k;
        const ptrdiff_t width = n - first < PANEL ? n - first : PANEL;
        for (ptrdiff_t row = 0; row < m; row += ROWS) {
            const float *rowsOfA = a + row * lda;
            float *out = c + row * ldc + first;
            switch (m - row < ROWS ? m - row : ROWS) {
            case 6: panel_tile(6, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            case 5: panel_tile(5, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            case 4: panel_tile(4, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            case 3: panel_tile(3, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            case 2: panel_tile(2, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            default: panel_tile(1, rowsOfA, lda, panel, k, out, ldc, width, accumulate); break;
            }
        }
    }
}
