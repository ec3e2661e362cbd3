// Vectorized exp / sigmoid / tanh and the fused LSTM cell kernels.
//
// The loops are written element by element, branch-free, for the compiler to
// vectorize; `target_clones` builds each for AVX-512, AVX2+FMA and the baseline, and
// the loader picks the best the CPU has.
//
// exp: y = n·ln2 + r with n = round(y/ln2), |r| <= ln2/2; exp(y) = 2^n·(1 + q(r)) with
// q(r) = expm1(r) by its Taylor series through r^8/8! (truncation < 6e-9 there).
// tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)) with x's sign: exact near 0, where
// 1 - exp(-2x) would cancel.
#include "ckernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// The loops below touch disjoint arrays; this tells the vectorizer so instead of
// letting it give up on runtime alias checks between a dozen pointers.
#if defined(__clang__)
#define CK_VECTORIZE _Pragma("clang loop vectorize(assume_safety) interleave(enable)")
#else
#define CK_VECTORIZE
#endif

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define CK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CK_CLONES
#endif

static const float ln2_high = 0.693145751953125f;    // few mantissa bits: n*ln2_high is exact
static const float ln2_low = 1.428606765330187e-6f;  // ln2 - ln2_high
static const float log2e = 1.4426950408889634f;
static const float rounding_magic = 12582912.0f;     // 1.5 * 2^23: adding it rounds to an integer

/// 2^n and expm1(r) for y = n*ln2 + r; y must lie in [-87, 88].
static inline float exponent_parts(float y, float *expm1_of_remainder) {
    float shifted = y * log2e + rounding_magic;
    float n = shifted - rounding_magic;
    float r = (y - n * ln2_high) - n * ln2_low;
    float q = 1.0f / 40320.0f;
    q = q * r + 1.0f / 5040.0f;
    q = q * r + 1.0f / 720.0f;
    q = q * r + 1.0f / 120.0f;
    q = q * r + 1.0f / 24.0f;
    q = q * r + 1.0f / 6.0f;
    q = q * r + 0.5f;
    q = q * r + 1.0f;
    q = q * r;
    int32_t n_bits;
    memcpy(&n_bits, &shifted, sizeof n_bits);
    int32_t scale_bits = (n_bits - 0x4B400000 + 127) << 23;   // low bits of `shifted` hold n
    float scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    *expm1_of_remainder = q;
    return scale;
}

// sqrtf may set errno (for negative inputs), which keeps the compiler from vectorizing it;
// v is never negative, so the element-wise builtin (no errno) is exact here.
static inline float ck_sqrt(float x) {
#if defined(__has_builtin) && __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return __builtin_sqrtf(x);
#endif
}

static inline float limited(float x, float lower, float upper) {
    x = x < lower ? lower : x;
    return x > upper ? upper : x;
}

static inline float ck_exp(float x) {
    float q;
    float s = exponent_parts(limited(x, -87.0f, 88.0f), &q);
    return s + s * q;
}

static inline float ck_sigmoid(float x) {
    return 1.0f / (1.0f + ck_exp(-x));
}

static inline float ck_tanh(float x) {
    float q;
    float s = exponent_parts(limited(-2.0f * fabsf(x), -87.0f, 0.0f), &q);
    float expm1 = (s - 1.0f) + s * q;     // in [-1, 0]
    return copysignf(-expm1 / (2.0f + expm1), x);
}

CK_CLONES void ck_exp_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_exp(x[i]);
}

CK_CLONES void ck_sigmoid_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_sigmoid(x[i]);
}

CK_CLONES void ck_tanh_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_tanh(x[i]);
}

// i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o); c = f·c_prev + i·g; h = o·tanh(c).
// Rows < previous_rows continue from previous_cell; the others start from c = 0.
CK_CLONES void ck_lstm_cell_forward(float *gates, float *cell, float *cell_tanh,
                                    float *hidden, ptrdiff_t hidden_stride,
                                    const float *previous_cell, ptrdiff_t previous_rows,
                                    ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict ai = gates + row * 4 * h;
        float *restrict af = ai + h, *restrict ag = ai + 2 * h, *restrict ao = ai + 3 * h;
        float *restrict c = cell + row * h;
        float *restrict tc = cell_tanh + row * h;
        float *restrict out = hidden + row * hidden_stride;
        if (row < previous_rows) {
            const float *restrict cp = previous_cell + row * h;
            CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
                float i = ck_sigmoid(ai[j]), f = ck_sigmoid(af[j]), g = ck_tanh(ag[j]), o = ck_sigmoid(ao[j]);
                float cn = f * cp[j] + i * g;
                float t = ck_tanh(cn);
                ai[j] = i; af[j] = f; ag[j] = g; ao[j] = o;
                c[j] = cn; tc[j] = t; out[j] = o * t;
            }
        } else {
            CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
                float i = ck_sigmoid(ai[j]), f = ck_sigmoid(af[j]), g = ck_tanh(ag[j]), o = ck_sigmoid(ao[j]);
                float cn = i * g;
                float t = ck_tanh(cn);
                ai[j] = i; af[j] = f; ag[j] = g; ao[j] = o;
                c[j] = cn; tc[j] = t; out[j] = o * t;
            }
        }
    }
}

// dh = dh_out + dh_rec;  dc = dc_rec + dh·o·(1 − tanh²c)
// da_i = dc·g·i(1−i);  da_f = dc·c_prev·f(1−f);  da_g = dc·i·(1−g²);  da_o = dh·tanh(c)·o(1−o)
// dc_prev = dc·f (rows < previous_rows). Rows < carried_rows have dh_rec and dc_rec.
CK_CLONES void ck_lstm_cell_backward(float *gate_gradients, float *cell_gradient,
                                     const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                                     const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                                     const float *gates, const float *cell_tanh,
                                     const float *previous_cell, ptrdiff_t previous_rows,
                                     ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        const float *restrict ai = gates + row * 4 * h;
        const float *restrict af = ai + h, *restrict ag = ai + 2 * h, *restrict ao = ai + 3 * h;
        float *restrict dai = gate_gradients + row * 4 * h;
        float *restrict daf = dai + h, *restrict dag = dai + 2 * h, *restrict dao = dai + 3 * h;
        float *restrict dc_row = cell_gradient + row * h;
        const float *restrict tc = cell_tanh + row * h;
        const float *restrict dh_out = hidden_gradient + row * hidden_gradient_stride;
        const int carried = row < carried_rows;
        const int continues = row < previous_rows;
        const float *restrict dh_rec = carried ? carried_hidden_gradient + row * h : dh_out;
        const float *restrict cp = continues ? previous_cell + row * h : tc;
        const float carry = carried ? 1.0f : 0.0f;
        const float keep = continues ? 1.0f : 0.0f;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float i = ai[j], f = af[j], g = ag[j], o = ao[j], t = tc[j];
            float dh = dh_out[j] + carry * dh_rec[j];
            float dc = dh * o * (1.0f - t * t) + carry * dc_row[j];
            dai[j] = dc * g * i * (1.0f - i);
            daf[j] = keep * dc * cp[j] * f * (1.0f - f);
            dag[j] = dc * i * (1.0f - g * g);
            dao[j] = dh * t * o * (1.0f - o);
            dc_row[j] = dc * f;   // read by the step before only where it continues
        }
    }
}

CK_CLONES void ck_adam_update(float *theta, const float *gradient, float *m, float *v, ptrdiff_t count,
                              float step_size, float inverse_correction2, float decay, float l2,
                              float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
        float p = theta[i];
        float g = gradient[i] + l2 * p;
        p *= decay;
        float mi = m[i];
        mi += one_minus_beta1 * (g - mi);
        float vi = beta2 * v[i] + one_minus_beta2 * g * g;
        m[i] = mi;
        v[i] = vi;
        theta[i] = p - step_size * mi / (ck_sqrt(vi) * inverse_correction2 + epsilon);
    }
}
