// The fused element-wise part of one peephole-LSTM time step (Gers & Schmidhuber 2000),
// forward and backward; see PeepholeCellKernels.swift for the shapes.
#include "ckernels.h"

#include "ck_math.h"

// i = σ(a_i + p_i·c_prev), f = σ(a_f + p_f·c_prev), g = tanh(a_g); c = f·c_prev + i·g;
// o = σ(a_o + p_o·c); h = o·tanh(c). Rows >= previous_rows start from c_prev = 0.
CK_CLONES void ck_peephole_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                                        float *cell, float *cell_tanh,
                                        float *hidden, ptrdiff_t hidden_stride,
                                        const float *previous_cell, ptrdiff_t previous_rows,
                                        const float *peepholes, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    const float *restrict pi = peepholes, *restrict pf = peepholes + h, *restrict po = peepholes + 2 * h;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict ai = gates + row * 4 * h;
        float *restrict af = ai + h, *restrict ag = ai + 2 * h, *restrict ao = ai + 3 * h;
        const float *restrict xi = projection_row(projected, projected_index, row, 4 * h);
        const float *restrict xf = xi + h, *restrict xg = xi + 2 * h, *restrict xo = xi + 3 * h;
        float *restrict c = cell + row * h;
        float *restrict tc = cell_tanh + row * h;
        float *restrict out = hidden + row * hidden_stride;
        const int continues = row < previous_rows;
        // A row that starts points at its gates instead of a missing c_prev (never used).
        const float *cp = continues ? previous_cell + row * h : ai;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float previous = continues ? cp[j] : 0.0f;
            float zi = continues ? xi[j] + ai[j] : xi[j], zf = continues ? xf[j] + af[j] : xf[j];
            float zg = continues ? xg[j] + ag[j] : xg[j], zo = continues ? xo[j] + ao[j] : xo[j];
            float i = ck_sigmoid(zi + pi[j] * previous);
            float f = ck_sigmoid(zf + pf[j] * previous);
            float g = ck_tanh(zg);
            float cn = f * previous + i * g;
            float o = ck_sigmoid(zo + po[j] * cn);
            float t = ck_tanh(cn);
            ai[j] = i; af[j] = f; ag[j] = g; ao[j] = o;
            c[j] = cn; tc[j] = t; out[j] = o * t;
        }
    }
}

// dh = dh_out + dh_rec;  da_o = dh·tanh(c)·o(1−o);  dc = dc_rec + dh·o·(1 − tanh²c) + da_o·p_o
// da_i = dc·g·i(1−i);  da_f = dc·c_prev·f(1−f);  da_g = dc·i·(1−g²)
// dc_prev = dc·f + da_i·p_i + da_f·p_f;  dp_i += da_i·c_prev, dp_f += da_f·c_prev, dp_o += da_o·c
CK_CLONES void ck_peephole_cell_backward(float *gate_gradients, float *cell_gradient,
                                         float *peephole_gradients,
                                         const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                                         const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                                         const float *gates, const float *cell, const float *cell_tanh,
                                         const float *previous_cell, ptrdiff_t previous_rows,
                                         const float *peepholes, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    const float *restrict pi = peepholes, *restrict pf = peepholes + h, *restrict po = peepholes + 2 * h;
    float *restrict dpi = peephole_gradients, *restrict dpf = peephole_gradients + h;
    float *restrict dpo = peephole_gradients + 2 * h;
    for (ptrdiff_t row = 0; row < rows; row++) {
        const float *restrict ai = gates + row * 4 * h;
        const float *restrict af = ai + h, *restrict ag = ai + 2 * h, *restrict ao = ai + 3 * h;
        float *restrict dai = gate_gradients + row * 4 * h;
        float *restrict daf = dai + h, *restrict dag = dai + 2 * h, *restrict dao = dai + 3 * h;
        float *restrict dc_row = cell_gradient + row * h;
        const float *restrict c = cell + row * h;
        const float *restrict tc = cell_tanh + row * h;
        const float *restrict dh_out = hidden_gradient + row * hidden_gradient_stride;
        const int carried = row < carried_rows;
        const int continues = row < previous_rows;
        const float *restrict dh_rec = carried ? carried_hidden_gradient + row * h : dh_out;
        const float *restrict cp = continues ? previous_cell + row * h : tc;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float i = ai[j], f = af[j], g = ag[j], o = ao[j], t = tc[j];
            float previous = continues ? cp[j] : 0.0f;
            float dh = carried ? dh_out[j] + dh_rec[j] : dh_out[j];
            float dao_j = dh * t * o * (1.0f - o);
            float dc = dh * o * (1.0f - t * t) + dao_j * po[j];
            dc = carried ? dc + dc_row[j] : dc;
            float dai_j = dc * g * i * (1.0f - i);
            float daf_j = dc * previous * f * (1.0f - f);
            dai[j] = dai_j;
            daf[j] = daf_j;
            dag[j] = dc * i * (1.0f - g * g);
            dao[j] = dao_j;
            dpi[j] += dai_j * previous;
            dpf[j] += daf_j * previous;
            dpo[j] += dao_j * c[j];
            dc_row[j] = dc * f + dai_j * pi[j] + daf_j * pf[j];   // read only where the row continues
        }
    }
}
