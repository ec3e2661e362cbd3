/// What one recurrent layer reads for the N tokens of a packed batch: N rows of its own
/// (token n reads row n), or R ≤ N shared rows and, for each token, the row it reads.
///
/// A classifier's first layer reads each distinct token id of a batch once (a batch of
/// 64 SST-2 sentences holds about 56% distinct tokens), so the input projection and the
/// two input-side GEMMs of backward run over R rows instead of N; the result is the same
/// up to float rounding, since x_t·W_ihᵀ depends on nothing but the row. Backward then
/// gives ∂L/∂row, the sum over the tokens that read it, which is what an embedding
/// table's gradient needs. Layers above read rows of their own: their input depends on
/// the position.
///
/// Dimension letters: N packed tokens, R rows, I input size.
public struct RecurrentInput {
    /// (R, stride) the rows, x in the first I columns of each.
    public let rows: UnsafePointer<Float>
    public let stride: Int
    /// R.
    public let rowCount: Int
    /// (N) the row each packed token reads; nil when token n reads row n (R = N).
    public let rowOfToken: UnsafePointer<Int32>?

    /// Token n reads row n of `packed` (N, stride).
    public init(packed: UnsafePointer<Float>, stride: Int, tokenCount: Int) {
        rows = packed
        self.stride = stride
        rowCount = tokenCount
        rowOfToken = nil
    }

    /// Token n reads row `rowOfToken[n]` of `rows` (R, stride).
    public init(rows: UnsafePointer<Float>, stride: Int, rowCount: Int, rowOfToken: UnsafePointer<Int32>) {
        self.rows = rows
        self.stride = stride
        self.rowCount = rowCount
        self.rowOfToken = rowOfToken
    }
}
