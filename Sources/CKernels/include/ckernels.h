// Element-wise kernels of the recurrent engine, in C so that each can be compiled for
// several instruction sets (AVX-512, AVX2+FMA, baseline) and picked at load time.
// Swift's SIMD types only reach the baseline (SSE2) without per-target flags.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// x[i] = exp(x[i]) for i < count (input clamped to [-87, 88]).
void ck_exp_inplace(float *x, ptrdiff_t count);
/// x[i] = 1 / (1 + exp(-x[i])).
void ck_sigmoid_inplace(float *x, ptrdiff_t count);
/// x[i] = tanh(x[i]).
void ck_tanh_inplace(float *x, ptrdiff_t count);

/// One LSTM time step's element-wise part for `rows` rows; see LSTMCellKernels.swift.
void ck_lstm_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                          float *cell, float *cell_tanh,
                          float *hidden, ptrdiff_t hidden_stride,
                          const float *previous_cell, ptrdiff_t previous_rows,
                          ptrdiff_t rows, ptrdiff_t hidden_size);

/// Backward through one step's element-wise part; see LSTMCellKernels.swift.
void ck_lstm_cell_backward(float *gate_gradients, float *cell_gradient,
                           const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                           const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                           const float *gates, const float *cell_tanh,
                           const float *previous_cell, ptrdiff_t previous_rows,
                           ptrdiff_t rows, ptrdiff_t hidden_size);

/// One peephole-LSTM time step's element-wise part; see PeepholeCellKernels.swift.
void ck_peephole_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                              float *cell, float *cell_tanh,
                              float *hidden, ptrdiff_t hidden_stride,
                              const float *previous_cell, ptrdiff_t previous_rows,
                              const float *peepholes, ptrdiff_t rows, ptrdiff_t hidden_size);

/// Backward through one peephole-LSTM step's element-wise part; see PeepholeCellKernels.swift.
void ck_peephole_cell_backward(float *gate_gradients, float *cell_gradient,
                               float *peephole_gradients,
                               const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                               const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                               const float *gates, const float *cell, const float *cell_tanh,
                               const float *previous_cell, ptrdiff_t previous_rows,
                               const float *peepholes, ptrdiff_t rows, ptrdiff_t hidden_size);

/// One GRU time step's element-wise part; see GRUCellKernels.swift.
void ck_gru_cell_forward(float *gates, const float *projected, const int32_t *projected_index,
                         const float *recurrent,
                         float *hidden, ptrdiff_t hidden_stride,
                         const float *previous_hidden, ptrdiff_t previous_stride,
                         ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size);

/// Backward through one GRU step's element-wise part; see GRUCellKernels.swift.
void ck_gru_cell_backward(float *input_gate_gradients, float *recurrent_gate_gradients,
                          float *carried_hidden_gradient, ptrdiff_t carried_rows,
                          const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                          const float *gates, const float *recurrent,
                          const float *previous_hidden, ptrdiff_t previous_stride,
                          ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size);

/// One simple-RNN (tanh) time step's element-wise part; see RNNCellKernels.swift.
void ck_rnn_cell_forward(float *activations, const float *projected, const int32_t *projected_index,
                         float *hidden, ptrdiff_t hidden_stride,
                         ptrdiff_t previous_rows, ptrdiff_t rows, ptrdiff_t hidden_size);

/// Backward through one simple-RNN step's element-wise part; see RNNCellKernels.swift.
void ck_rnn_cell_backward(float *gradients,
                          const float *hidden_gradient, ptrdiff_t hidden_gradient_stride,
                          const float *carried_hidden_gradient, ptrdiff_t carried_rows,
                          const float *activations, ptrdiff_t rows, ptrdiff_t hidden_size);

/// One Adam/AdamW update of `count` elements (see Adam.swift for the math):
/// g' = g + l2·θ; θ ← θ·decay; m ← m + (1−β₁)(g' − m); v ← β₂v + (1−β₂)g'²;
/// θ ← θ − step_size · m / (√v · inverse_correction2 + ε).
void ck_adam_update(float *theta, const float *gradient, float *m, float *v, ptrdiff_t count,
                    float step_size, float inverse_correction2, float decay, float l2,
                    float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon);

/// `steps` Adam updates with a zero gradient, one after another, over `count` elements:
/// the steps a row left out of those batches owes (see AdamRowDebt.swift). Step s uses
/// step_terms[3s ..< 3s + 3] as its step_size, inverse_correction2 and decay; the
/// arithmetic is ck_adam_update's with g = 0, so paying late gives the bits paying at
/// once would. Returns how many of the last steps left θ as it was in every element
/// (without an L2 term or decay, once m is small enough they provably cannot move it),
/// which ran on the moments alone: no square root, no division.
ptrdiff_t ck_adam_settle(float *theta, float *m, float *v, ptrdiff_t count, ptrdiff_t steps,
                    const float *step_terms,
                    float l2, float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon);

/// y[i] = a[i] + b[i] for `count` elements; y may be a or b. See elementwise.c.
void ck_add(float *y, const float *a, const float *b, ptrdiff_t count);

/// sums[j] += Σ_r matrix[r·columns + j], rows added in order. See elementwise.c.
void ck_add_column_sums(float *sums, const float *matrix, ptrdiff_t rows, ptrdiff_t columns);

/// Floats ck_pack_panels writes for a (k×n) B: n rounded up to the panel width, times k.
ptrdiff_t ck_panels_count(ptrdiff_t k, ptrdiff_t n);

/// Packs B (k×n; stored n×k when `transposed`, row stride ldb) into column panels for
/// ck_panel_gemm; see panel_gemm.c and PanelMatrix.swift.
void ck_pack_panels(const float *b, ptrdiff_t ldb, int transposed, ptrdiff_t k, ptrdiff_t n, float *panels);

/// C (m×n, row stride ldc) = A (m×k, row stride lda)·B, plus C when `accumulate`, with B
/// packed by ck_pack_panels.
void ck_panel_gemm(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                   const float *panels, int accumulate, float *c, ptrdiff_t ldc);

#endif
