// Private to CKernels: the vectorizable scalar exp / sigmoid / tanh every kernel file
// inlines, and the pragmas that let the compiler vectorize and clone them per
// instruction set. Not part of the module's public header.
//
// exp: y = n·ln2 + r with n = round(y/ln2), |r| <= ln2/2; exp(y) = 2^n·(1 + q(r)) with
// q(r) = expm1(r) by its Taylor series through r^8/8! (truncation < 6e-9 there).
// tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)) with x's sign: exact near 0, where
// 1 - exp(-2x) would cancel.
#ifndef CK_MATH_H
#define CK_MATH_H

#include <math.h>
#include <stdint.h>
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

// The input projection W_ih·x + bias of a step's row `row`, G floats: row
// `index[row]` of `projected`, or row `row` itself without an index (see
// StepProjections in RecurrentProjections.swift).
static inline const float *projection_row(const float *projected, const int32_t *index, ptrdiff_t row,
                                          ptrdiff_t gate_count) {
    return projected + (index ? (ptrdiff_t)index[row] : row) * gate_count;
}

#endif
