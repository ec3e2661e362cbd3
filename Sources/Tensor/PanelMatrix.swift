import CKernels

/// A matrix B (k×n) packed once for many products `C = A·B (+ C)` in which A has few
/// rows: a recurrent layer's W_hh, multiplied by the running sequences' states at every
/// time step of a batch. `gemm` (BLAS) packs B again on every call, and for a few dozen
/// rows of A that packing costs about as much as the product; here `pack` runs once
/// per pass and each step runs only the product (`ck_panel_gemm`, panel_gemm.c).
///
/// Each element of C is its k products summed in k order by fused multiply-adds, then
/// C's old value added when accumulating.
public final class PanelMatrix {
    private let storage = WorkspaceBuffer()
    /// B's shape, as last packed.
    public private(set) var k = 0
    public private(set) var n = 0

    public init() {}

    /// Packs B (k×n) from `b`, which holds it row-major with rows `ldb` apart, or holds
    /// Bᵀ (n×k) so when `transposed`.
    public func pack(_ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int) {
        precondition(k >= 1 && n >= 1, "a packed matrix needs k ≥ 1 and n ≥ 1")
        let panels = storage.reserve(ck_panels_count(k, n))
        ck_pack_panels(b, ldb, transposed ? 1 : 0, k, n, panels)
        self.k = k
        self.n = n
    }

    /// C (m×n, rows `ldc` apart) = A (m×k, rows `lda` apart)·B, plus C's old value when
    /// `accumulate`.
    ///
    /// - Complexity: O(m·n·k).
    public func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, accumulate: Bool,
                         c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(n >= 1, "pack B before multiplying by it")
        guard m > 0 else { return }
        ck_panel_gemm(m, n, k, a, lda, storage.pointer, accumulate ? 1 : 0, c, ldc)
    }
}
