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

// One element of an Adam step; both kernels below inline it, so a step owed and paid
// later (ck_adam_settle, gradient 0) is the same arithmetic as the step taken at once.
static inline void adam_element(float *theta, float gradient, float *m, float *v,
                                float step_size, float inverse_correction2, float decay, float l2,
                                float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    float p = *theta;
    float g = gradient + l2 * p;
    p *= decay;
    float mi = *m;
    mi += one_minus_beta1 * (g - mi);
    float vi = beta2 * *v + one_minus_beta2 * g * g;
    *m = mi;
    *v = vi;
    *theta = p - step_size * mi / (ck_sqrt(vi) * inverse_correction2 + epsilon);
}

CK_CLONES void ck_adam_update(float *theta, const float *gradient, float *m, float *v, ptrdiff_t count,
                              float step_size, float inverse_correction2, float decay, float l2,
                              float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
        adam_element(&theta[i], gradient[i], &m[i], &v[i], step_size, inverse_correction2, decay, l2,
                     one_minus_beta1, beta2, one_minus_beta2, epsilon);
    }
}

CK_CLONES void ck_adam_settle(float *theta, float *m, float *v, ptrdiff_t count, ptrdiff_t steps,
                              const float *step_terms,
                              float l2, float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon) {
    for (ptrdiff_t s = 0; s < steps; s++) {
        const float *terms = step_terms + 3 * s;
        const float step_size = terms[0], inverse_correction2 = terms[1], decay = terms[2];
        CK_VECTORIZE for (ptrdiff_t i = 0; i < count; i++) {
            adam_element(&theta[i], 0.0f, &m[i], &v[i], step_size, inverse_correction2, decay, l2,
                         one_minus_beta1, beta2, one_minus_beta2, epsilon);
        }
    }
}
