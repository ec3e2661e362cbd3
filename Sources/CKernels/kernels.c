// Vectorized exp / sigmoid / tanh and the fused LSTM cell kernels.
//
// The loops are written element by element, branch-free, for the compiler to
// vectorize; `target_clones` builds each for AVX-512, AVX2+FMA and the baseline, and
// the loader picks the best the CPU has.
// The scalar functions live in ck_math.h, shared with the other cells' kernel files.
#include "ckernels.h"

#include "ck_math.h"

CK_CLONES void ck_exp_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_exp(x[i]);
}

CK_CLONES void ck_sigmoid_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_sigmoid(x[i]);
}

CK_CLONES void ck_tanh_inplace(float *x, ptrdiff_t count) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) x[i] = ck_tanh(x[i]);
}

// a = p + (step product, rows < previous_rows), p the row's input projection;
// i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o); c = f·c_prev + i·g; h = o·tanh(c).
// Rows < previous_rows continue from previous_cell; the others start from c = 0.
CK_CLONES void ck_lstm_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                                    float *cell, float *cell_tanh,
                                    float *hidden, ptrdiff_t hidden_stride,
                                    const float *previous_cell, ptrdiff_t previous_rows,
                                    ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict ai = gates + row * 4 * h;
        float *restrict af = ai + h, *restrict ag = ai + 2 * h, *restrict ao = ai + 3 * h;
        const float *restrict pi = projection_row(projected, projected_index, row, 4 * h);
        const float *restrict pf = pi + h, *restrict pg = pi + 2 * h, *restrict po = pi + 3 * h;
        float *restrict c = cell + row * h;
        float *restrict tc = cell_tanh + row * h;
        float *restrict out = hidden + row * hidden_stride;
        if (row < previous_rows) {
            const float *restrict cp = previous_cell + row * h;
            CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
                float i = ck_sigmoid(pi[j] + ai[j]), f = ck_sigmoid(pf[j] + af[j]);
                float g = ck_tanh(pg[j] + ag[j]), o = ck_sigmoid(po[j] + ao[j]);
                float cn = f * cp[j] + i * g;
                float t = ck_tanh(cn);
                ai[j] = i; af[j] = f; ag[j] = g; ao[j] = o;
                c[j] = cn; tc[j] = t; out[j] = o * t;
            }
        } else {
            CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
                float i = ck_sigmoid(pi[j]), f = ck_sigmoid(pf[j]), g = ck_tanh(pg[j]), o = ck_sigmoid(po[j]);
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
        // The carried terms are selected, not multiplied by 0: dc_row may hold a stale
        // value from an earlier step or batch where the row is not carried, and 0 · inf is
        // NaN. (Same expressions as x + 1 · y, so the same roundings.)
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float i = ai[j], f = af[j], g = ag[j], o = ao[j], t = tc[j];
            float dh = dh_out[j] + (carried ? dh_rec[j] : 0.0f);
            float dc = dh * o * (1.0f - t * t) + (carried ? dc_row[j] : 0.0f);
            dai[j] = dc * g * i * (1.0f - i);
            daf[j] = (continues ? dc : 0.0f) * cp[j] * f * (1.0f - f);
            dag[j] = dc * i * (1.0f - g * g);
            dao[j] = dh * t * o * (1.0f - o);
            dc_row[j] = dc * f;   // read by the step before only where it continues
        }
    }
}

// One element's moments at an Adam step with gradient g (L2 term included):
// m ← m + (1−β₁)(g − m); v ← β₂v + (1−β₂)g².
static inline __attribute__((always_inline)) void adam_moments(float g, float *m, float *v, float one_minus_beta1, float beta2,
                                float one_minus_beta2) {
    float mi = *m;
    mi += one_minus_beta1 * (g - mi);
    *m = mi;
    *v = beta2 * *v + one_minus_beta2 * g * g;
}

// One element of an Adam step; both kernels below inline it, so a step owed and paid
// later (ck_adam_settle, gradient 0) is the same arithmetic as the step taken at once.
static inline __attribute__((always_inline)) void adam_element(float *theta, float gradient, float *m, float *v,
                                float step_size, float inverse_correction2, float decay, float l2,
                                float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    float p = *theta;
    float g = gradient + l2 * p;
    p *= decay;
    adam_moments(g, m, v, one_minus_beta1, beta2, one_minus_beta2);
    *theta = p - step_size * *m / (ck_sqrt(*v) * inverse_correction2 + epsilon);
}

// Both Adam kernels run with subnormals flushed to zero (x86's FTZ and DAZ, set for the
// length of the call and then restored). A row stepped with a zero gradient sees its
// first moment decay by β₁ a step, into the subnormal range after some 800 steps, where
// it sticks (0.9 · a few units in the last place rounds back to itself) and every vector
// operation on it takes a microcode assist: about 8× slower a step, which made most of
// the cost of settling the embedding rows of a long epoch. Flushed, the moment reaches
// zero and the step costs what a step costs. Both kernels flush, so a step owed and
// paid late still gives the bits of the step taken at once; against arithmetic that
// keeps subnormals, the difference is in values below 1.2e-38 (TensorFlow flushes them
// by default on CPUs too). Elsewhere (no x86) nothing changes.
#if defined(__x86_64__)
#include <xmmintrin.h>
static inline unsigned int flush_subnormals(void) {
    const unsigned int saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040);   // FTZ (bit 15) | DAZ (bit 6)
    return saved;
}
static inline void restore_subnormals(unsigned int saved) { _mm_setcsr(saved); }
#else
static inline unsigned int flush_subnormals(void) { return 0; }
static inline void restore_subnormals(unsigned int saved) { (void)saved; }
#endif

CK_CLONES void ck_adam_update(float *theta, const float *gradient, float *m, float *v, ptrdiff_t count,
                              float step_size, float inverse_correction2, float decay, float l2,
                              float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    const unsigned int saved = flush_subnormals();
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
        adam_element(&theta[i], gradient[i], &m[i], &v[i], step_size, inverse_correction2, decay, l2,
                     one_minus_beta1, beta2, one_minus_beta2, epsilon);
    }
    restore_subnormals(saved);
}

// A quarter of the spacing of floats at |x| (its ulp / 4), or 0 where that is not a
// normal float, x is subnormal, infinite or NaN: a lower bound any change to x exceeds.
static inline __attribute__((always_inline)) float quarter_ulp(float x) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    const uint32_t exponent = (bits >> 23) & 0xff;
    const uint32_t quarter = exponent >= 26 && exponent < 0xff ? (exponent - 25) << 23 : 0;
    float result;
    memcpy(&result, &quarter, sizeof result);
    return result;
}

// The owed steps of `count` ≤ 256 elements (see ck_adam_settle). Always inlined, so it
// is built for each of ck_adam_settle's instruction sets, as ck_adam_update is: a copy
// built for the baseline alone would round m without fused multiply-adds.
//
// With g = 0, no L2 term and no decay, a step moves θ by q = η·m / (√v·c + ε) and
// shrinks m by β₁ and v by β₂. After some 150 idle steps q is far below a quarter of
// θ's ulp, and θ − q rounds back to θ exactly, at that step and every later one (|m|
// never grows, η and 1/(√v·c + ε) stay under the bounds below): from then on only the
// moments move, and they cost no square root and no division. The bounds, with
// margins for every rounding: η ≤ the largest owed step size, c ≥ the smallest
// inverse bias correction, v ≥ its value now times (β₂(1 − 2⁻²²))^steps.
static inline __attribute__((always_inline)) ptrdiff_t adam_settle_block(float *theta, float *m, float *v, ptrdiff_t count, ptrdiff_t steps,
                                     const float *step_terms, int may_freeze,
                                     float largest_step, float smallest_correction, float v_shrink,
                                     float l2, float one_minus_beta1, float beta2, float one_minus_beta2,
                                     float epsilon) {
    // Per element, the least √v·c + ε of any owed step, over the largest η, both
    // rounded toward freezing later.
    float bound[256];
    if (may_freeze) {
        const float numerator = largest_step * (1.0f + 0x1p-20f);
        CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
            bound[i] = (ck_sqrt(v[i] * v_shrink) * smallest_correction + epsilon) * (1.0f - 0x1p-20f) / numerator;
        }
    }
    // θ keeps moving for 100 steps or more after a row's last gradient (at this
    // package's learning rates), so the test starts at step 64 and runs every 16 steps.
    ptrdiff_t s = 0;
    while (s < steps) {
        const ptrdiff_t stride = s < 64 ? 64 : 16;
        const ptrdiff_t end = steps - s > stride ? s + stride : steps;
        for (; s < end; s++) {
            const float *terms = step_terms + 3 * s;
            const float step_size = terms[0], inverse_correction2 = terms[1], decay = terms[2];
            CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
                adam_element(&theta[i], 0.0f, &m[i], &v[i], step_size, inverse_correction2, decay, l2,
                             one_minus_beta1, beta2, one_minus_beta2, epsilon);
            }
        }
        if (!may_freeze || steps - s < 16) continue;
        int moving = 0;
        CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
            moving |= !(fabsf(m[i]) < bound[i] * quarter_ulp(theta[i]));
        }
        if (!moving) break;
    }
    const ptrdiff_t frozen = steps - s;
    // The moments alone, 64 elements at a time held in registers through all the steps
    // (four independent chains of a vector each: the step is latency-bound), the rest
    // a step at a time.
    ptrdiff_t i0 = 0;
    for (; frozen > 0 && i0 + 64 <= count; i0 += 64) {
        float mb[64], vb[64];
        memcpy(mb, m + i0, sizeof mb);
        memcpy(vb, v + i0, sizeof vb);
        for (ptrdiff_t t = s; t < steps; t++) {
            CK_VECTORIZE for (ptrdiff_t i = 0; i < 64; i++) {
                adam_moments(0.0f, &mb[i], &vb[i], one_minus_beta1, beta2, one_minus_beta2);
            }
        }
        memcpy(m + i0, mb, sizeof mb);
        memcpy(v + i0, vb, sizeof vb);
    }
    for (; s < steps; s++) {
        CK_VECTORIZE for (ptrdiff_t i = i0; i < count; i++) {
            adam_moments(0.0f, &m[i], &v[i], one_minus_beta1, beta2, one_minus_beta2);
        }
    }
    return frozen;
}

CK_CLONES ptrdiff_t ck_adam_settle(float *theta, float *m, float *v, ptrdiff_t count, ptrdiff_t steps,
                              const float *step_terms,
                              float l2, float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    const unsigned int saved = flush_subnormals();
    // θ can freeze only if no owed step has an L2 term or a decay (see adam_settle_block).
    int may_freeze = l2 == 0.0f && steps >= 80;
    float largest_step = 0.0f, smallest_correction = INFINITY;
    for (ptrdiff_t s = 0; s < steps && may_freeze; s++) {
        const float *terms = step_terms + 3 * s;
        may_freeze = terms[2] == 1.0f && terms[0] >= 0.0f && terms[1] >= 0.0f;
        largest_step = fmaxf(largest_step, terms[0]);
        smallest_correction = fminf(smallest_correction, terms[1]);
    }
    const float v_shrink = may_freeze ? (float)(pow((double)beta2 * (1.0 - 0x1p-22), (double)steps) * (1.0 - 0x1p-20)) : 0.0f;
    ptrdiff_t frozen = steps;
    for (ptrdiff_t start = 0; start < count; start += 256) {
        const ptrdiff_t block = count - start < 256 ? count - start : 256;
        const ptrdiff_t block_frozen = adam_settle_block(
            theta + start, m + start, v + start, block, steps, step_terms, may_freeze,
            largest_step, smallest_correction, v_shrink, l2, one_minus_beta1, beta2, one_minus_beta2, epsilon);
        frozen = block_frozen < frozen ? block_frozen : frozen;
    }
    restore_subnormals(saved);
    return count > 0 ? frozen : 0;
}
