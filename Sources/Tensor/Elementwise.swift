import CKernels

/// Small vector kernels the layers share. All sizes in elements.

/// `y[i] += x[i]` for `count` elements.
public func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, count: Int) {
    ck_add(y, y, x, count)
}

/// `y[i] = a[i] + b[i]` for `count` elements (`y` may be `a` or `b`). In C
/// (`CKernels/elementwise.c`), cloned per instruction set: the training step's most
/// frequent sums.
public func add(_ y: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) {
    ck_add(y, a, b, count)
}

/// `y[i] = a[i] · b[i]` for `count` elements.
public func multiply(_ y: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) {
    var index = 0
    while index < count {
        let lanes = min(8, count - index)
        store8(load8(a + index, count: lanes) * load8(b + index, count: lanes), y + index, count: lanes)
        index += 8
    }
}

/// `x[i] *= factor` for `count` elements.
public func scaleInPlace(_ x: UnsafeMutablePointer<Float>, by factor: Float, count: Int) {
    var index = 0
    while index < count {
        let lanes = min(8, count - index)
        store8(load8(x + index, count: lanes) * factor, x + index, count: lanes)
        index += 8
    }
}

/// Σ x[i]² accumulated in Double, so the global gradient norm does not depend on
/// how many parameters there are. Eight running sums, one per lane (added together at
/// the end), so no addition waits for the one before it.
public func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
    var lanes = SIMD8<Double>()
    var index = 0
    while index < count {
        let v = SIMD8<Double>(load8(x + index, count: min(8, count - index)))
        lanes += v * v
        index += 8
    }
    return lanes.sum()
}

/// `sums[j] += Σ_r matrix[r, j]` over `rows` rows of a row-major `(rows, columns)` matrix,
/// the rows added in order (`CKernels/elementwise.c`).
public func addColumnSums(
    _ sums: UnsafeMutablePointer<Float>, of matrix: UnsafePointer<Float>, rows: Int, columns: Int
) {
    ck_add_column_sums(sums, matrix, rows, columns)
}

/// A running maximum: wherever `x[j] > maximum[j]`, sets `maximum[j] = x[j]` and
/// `argmax[j] = index`. Strictly greater, so the first of equal maxima is kept and a NaN
/// never wins.
public func updateRunningMaximum(
    _ maximum: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>,
    with x: UnsafePointer<Float>, index: Int32, count: Int
) {
    let indices = SIMD8<Int32>(repeating: index)
    var j = 0
    while j + 8 <= count {
        let value = load8(x + j), current = load8(maximum + j)
        let greater = value .> current
        store8(current.replacing(with: value, where: greater), maximum + j)
        let arguments = UnsafeMutableRawPointer(argmax + j)
        arguments.storeBytes(of: arguments.loadUnaligned(as: SIMD8<Int32>.self).replacing(with: indices, where: greater),
                             as: SIMD8<Int32>.self)
        j += 8
    }
    while j < count {
        if x[j] > maximum[j] {
            maximum[j] = x[j]
            argmax[j] = index
        }
        j += 1
    }
}
