// The element-wise part of one simple-RNN (Elman, tanh) time step, forward and
// backward; see RNNCellKernels.swift for the shapes.
#include "ckernels.h"

#include "ck_math.h"

// h = tanh(a), kept in `activations` and written to the output rows.
CK_CLONES void ck_rnn_cell_forward(float *activations, const float *projected, const int32_t *projected_index,
                                   float *hidden, ptrdiff_t hidden_stride,
                                   ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict a = activations + row * h;
        const float *restrict x = projection_row(projected, projected_index, row, h);
        float *restrict out = hidden + row * hidden_stride;
        const int continues = row < previous_rows;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float t = ck_tanh(continues ? x[j] + a[j] : x[j]);
            a[j] = t;
            out[j] = t;
        }
    }
}

// da = (dh_out + dh_rec)·(1 − h²); rows < carried_rows have dh_rec.
CK_CLONES void ck_rnn_cell_backward(float *gradients,
                                    const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                                    const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                                    const float *activations, ptrdiff_t rows, ptrdiff_t hidden_size) {
    const ptrdiff_t h = hidden_size;
    for (ptrdiff_t row = 0; row < rows; row++) {
        float *restrict da = gradients + row * h;
        const float *restrict t = activations + row * h;
        const float *restrict dh_out = hidden_gradient + row * hidden_gradient_stride;
        const int carried = row < carried_rows;
        const float *restrict dh_rec = carried ? carried_hidden_gradient + row * h : dh_out;
        CK_VECTORIZE for (ptrdiff_t j = 0; j < h; j++) {
            float dh = carried ? dh_out[j] + dh_rec[j] : dh_out[j];
            da[j] = dh * (1.0f - t[j] * t[j]);
        }
    }
}
