import CBLAS

/// Matrix products through CBLAS (OpenBLAS), row-major.

/// `C (m×n) = alpha · op(A) · op(B) + beta · C`, all row-major, where `op(A)` is
/// `m×k` (A stored `k×m` when `transposeA`) and `op(B)` is `k×n` (stored `n×k` when
/// `transposeB`). Leading dimensions are row strides in elements.
///
/// - Complexity: O(m·n·k).
@inline(__always)
public func gemm(
    transposeA: Bool, transposeB: Bool,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        // BLAS is allowed to skip the product but must still scale C.
        for row in 0..<m {
            let cRow = c + row * ldc
            if beta == 0 {
                cRow.update(repeating: 0, count: n)
            } else if beta != 1 {
                for column in 0..<n { cRow[column] *= beta }
            }
        }
        return
    }
    if m == 1 && !transposeA {
        // One row (a single sentence): a matrix-vector product is leaner than GEMM.
        // y (n) = alpha · op(B)ᵀ-view · x + beta · y, with B row-major (k×n) or (n×k).
        cblas_sgemv(
            CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans,
            Int32(transposeB ? n : k), Int32(transposeB ? k : n),
            alpha, b, Int32(ldb), a, 1, beta, c, 1)
        return
    }
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha, a, Int32(lda), b, Int32(ldb),
        beta, c, Int32(ldc))
}
