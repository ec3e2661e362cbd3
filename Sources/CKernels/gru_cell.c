// The fused element-wise part of one GRU time step (PyTorch's nn.GRU), forward and
// backward; see GRUCellKernels.swift for the shapes.
#include "ckernels.h"

#include "ck_math.h"

// r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n); h = (1 − z)·n + z·h_prev,
// where x = W_ih·x_t + b_ih and h = W_hh·h_prev + b_hh. Rows >= previous_rows start
// from h_prev = 0.
CK_CLONES void ck_gru_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                                   const float *recurrent,
                                   float *hidden, ptrdiff_t hidden_stride,
                                   const float *previous_hidden, ptrdiff_t previous_stride,
                                   ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict gr = gates + row * 3 * h;
        float *restrict gz = gr + h, *restrict gn = gr + 2 * h;
        const float *restrict xr = projection_row(projected, projected_index, row, 3 * h);
        const float *restrict xz = xr + h, *restrict xn = xr + 2 * h;
        const float *restrict hr = recurrent + row * 3 * h;
        const float *restrict hz = hr + h, *restrict hn = hr + 2 * h;
        float *restrict out = hidden + row * hidden_stride;
        const int continues = row < previous_rows;
        const float *restrict hp = continues ? previous_hidden + row * previous_stride : hr;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float r = ck_sigmoid(xr[j] + hr[j]);
            float z = ck_sigmoid(xz[j] + hz[j]);
            float n = ck_tanh(xn[j] + r * hn[j]);
            gr[j] = r; gz[j] = z; gn[j] = n;
            out[j] = (1.0f - z) * n + (continues ? z * hp[j] : 0.0f);
        }
    }
}

// dh = dh_out + dh_rec;  dz = dh·(h_prev − n);  dn = dh·(1 − z)
// d(x_n) = dn·(1 − n²);  d(h_n) = d(x_n)·r;  dr = d(x_n)·h_n
// d(x_r) = d(h_r) = dr·r(1 − r);  d(x_z) = d(h_z) = dz·z(1 − z);  dh_prev = dh·z (+ d(h)·W_hh, by GEMM)
// `carried_hidden_gradient` is read (rows < carried_rows) and then overwritten with dh·z
// (rows < previous_rows).
CK_CLONES void ck_gru_cell_backward(float *input_gate_gradients, float *recurrent_gate_gradients,
                                    float *carried_hidden_gradient, ptrdiff_t carried_rows,
                                    const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                                    const float *gates, const float *recurrent,
                                    const float *previous_hidden, ptrdiff_t previous_stride,
                                    ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        const float *restrict r_ = gates + row * 3 * h;
        const float *restrict z_ = r_ + h, *restrict n_ = r_ + 2 * h;
        const float *restrict hn = recurrent + row * 3 * h + 2 * h;
        float *restrict dxr = input_gate_gradients + row * 3 * h;
        float *restrict dxz = dxr + h, *restrict dxn = dxr + 2 * h;
        float *restrict dhr = recurrent_gate_gradients + row * 3 * h;
        float *restrict dhz = dhr + h, *restrict dhn = dhr + 2 * h;
        const float *restrict dh_out = hidden_gradient + row * hidden_gradient_stride;
        float *dh_rec = carried_hidden_gradient + row * h;   // read, then written: same element
        const int carried = row < carried_rows;
        const int continues = row < previous_rows;
        const float *restrict hp = continues ? previous_hidden + row * previous_stride : dh_out;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float r = r_[j], z = z_[j], n = n_[j];
            float dh = carried ? dh_out[j] + dh_rec[j] : dh_out[j];
            float dz = dh * ((continues ? hp[j] : 0.0f) - n);
            float dxn_j = dh * (1.0f - z) * (1.0f - n * n);
            float dr = dxn_j * hn[j];
            float dar = dr * r * (1.0f - r);
            float daz = dz * z * (1.0f - z);
            dxr[j] = dar; dxz[j] = daz; dxn[j] = dxn_j;
            dhr[j] = dar; dhz[j] = daz; dhn[j] = dxn_j * r;
            dh_rec[j] = dh * z;   // read by the step before only where the row continues
        }
    }
}
