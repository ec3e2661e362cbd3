/// Where a step's cell kernel reads the input projection W_ih·x_t + bias (G floats) of
/// each of its rows: row `index[r]` of `rows` for the step's row r, or row r itself when
/// `index` is nil. The projections are computed once per batch, over the distinct input
/// rows where tokens share them, and each kernel adds the step's recurrent product to
/// them as it reads them, so no (N, G) copy of them is ever made.
public struct ProjectionRows {
    public let rows: UnsafePointer<Float>
    public let index: UnsafePointer<Int32>?

    public init(rows: UnsafePointer<Float>, index: UnsafePointer<Int32>?) {
        self.rows = rows
        self.index = index
    }
}
