import CBLAS

/// Matrix products through CBLAS (OpenBLAS), row-major.

/// Pins BLAS to one thread. The engine runs the two LSTM directions on the two cores
/// itself; BLAS threads nested inside them would oversubscribe the machine, and a
/// single-threaded GEMM is also what makes training bit-reproducible.
public enum BLASThreading {
    private static let pinned: Void = {
        openblas_set_num_threads(1)
        // OpenBLAS started a pool of workers before main (sized by the core count), and
        // idle they spin in sched_yield: about 2,500 calls and half the CPU time of a
        // one-line prediction. One thread never uses them, so they are stopped.
        _ = blas_thread_shutdown_()
    }()

    /// Sets OpenBLAS to one thread and stops its worker threads (once per process;
    /// later calls are free).
    public static func pinToSingleThread() {
        _ = pinned
    }

    /// OpenBLAS's kernel set in use, e.g. "Haswell" or "Cooperlake" (for benchmark
    /// reports: `OPENBLAS_CORETYPE` overrides OpenBLAS's own CPU detection).
    public static var kernelName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}

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
