import CKernels

/// A matrix B (k×n) packed once for many products `C = A·B (+ C)` in which A has few
/// rows: a recurrent layer's W_hh, multiplied by the running sequences' states at every
/// time step of a batch. `gemm` (BLAS) packs B again on every call, and for a few dozen
/// rows of A that packing costs about as much as the product; here B is packed once, on
/// the first product with more than one row, and each product after that runs only the
/// multiplication (`ck_panel_gemm`, panel_gemm.c). A product with one row of A (one
/// sentence) goes to `gemm`'s matrix-vector path on B as it is stored, so a pass over a
/// single sentence packs nothing.
///
/// With two rows or more, each element of C is its k products summed in k order by fused
/// multiply-adds, then C's old value added when accumulating.
public final class PanelMatrix {
    private let storage = WorkspaceBuffer()
    /// B as `load` was given it, valid until the next `load`.
    private var source: UnsafePointer<Float>?
    private var ldb = 0
    private var transposed = false
    private var isPacked = false
    /// B's shape, as last loaded.
    public private(set) var k = 0
    public private(set) var n = 0

    public init() {}

    /// Takes B (k×n) for the products that follow: `b` holds it row-major with rows `ldb`
    /// apart, or holds Bᵀ (n×k) so when `transposed`. `b` must stay valid and unchanged
    /// until the next `load`.
    public func load(_ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int) {
        precondition(k >= 1 && n >= 1, "a packed matrix needs k ≥ 1 and n ≥ 1")
        source = b
        self.ldb = ldb
        self.transposed = transposed
        self.k = k
        self.n = n
        isPacked = false
    }

    /// C (m×n, rows `ldc` apart) = A (m×k, rows `lda` apart)·B, plus C's old value when
    /// `accumulate`.
    ///
    /// - Complexity: O(m·n·k), plus O(k·n) to pack B the first time m > 1.
    public func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, accumulate: Bool,
                         c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard let source else { preconditionFailure("load B before multiplying by it") }
        guard m > 0 else { return }
        if m == 1 {
            gemm(transposeA: false, transposeB: transposed, m: 1, n: n, k: k, a: a, lda: lda,
                 b: source, ldb: ldb, beta: accumulate ? 1 : 0, c: c, ldc: ldc)
            return
        }
        if !isPacked {
            ck_pack_panels(source, ldb, transposed ? 1 : 0, k, n, storage.reserve(ck_panels_count(k, n)))
            isPacked = true
        }
        ck_panel_gemm(m, n, k, a, lda, storage.pointer, accumulate ? 1 : 0, c, ldc)
    }
}
