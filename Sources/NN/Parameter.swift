/// One named, trainable tensor and its gradient.
///
/// Names are PyTorch state-dict names (`lstm.weight_ih_l0`, `fc.bias`, …) so that a
/// checkpoint written from `value`s loads into PyTorch with `load_state_dict`.
///
/// A parameter may hold its values *deferred*: zeros not yet allocated, or a model
/// file's float16 bytes not yet widened (`DeferredValues`). The first access to `value`
/// materializes them; until then a reader that needs only some rows (an embedding
/// looking up a sentence's tokens) copies those rows from `deferred`. A process that
/// loads the default model to classify one line so never allocates, widens or
/// page-faults its 16 MB embedding table.
///
/// An optimizer may also owe some rows steps it has not applied yet (`owedSteps`:
/// Adam's lazy pass over an embedding table). Every way of reading the values pays
/// them first: `copyRows` and `copyValues` the rows they copy, everything else all rows. So readers
/// always see what eager stepping would have given, bit for bit.
public final class Parameter {
    /// PyTorch state-dict name, e.g. `"lstm.weight_ih_l0"`.
    public let name: String
    /// Dimensions, outermost first (PyTorch's layout: Linear weight is (out, in)).
    public let shape: [Int]
    /// Number of elements, `shape.reduce(1, *)`.
    public let count: Int
    /// The values while they are still deferred; nil once `value` has been read or set.
    public private(set) var deferred: (any DeferredValues)?
    private var storage: [Float] = []

    /// Row-major values; `value.count == count`. Reading or modifying materializes
    /// deferred values first; assigning replaces them.
    public var value: [Float] {
        get {
            materialize()
            owedSteps?.settleAll()
            return storage
        }
        _modify {
            materialize()
            owedSteps?.settleAll()
            yield &storage
        }
        set {
            precondition(newValue.count == count, "\(name): \(newValue.count) values for \(count) elements")
            owedSteps?.settleAll()
            deferred = nil
            storage = newValue
        }
    }

    /// ∂loss/∂value, same layout. Backward passes add into it (`+=`); zero it with the
    /// owner's `zeroGradients()`. Allocated on first use, so a model that only predicts
    /// never touches memory for it (16 MB for the default model's embedding).
    public var gradient: [Float] {
        get {
            if gradientStorage == nil { gradientStorage = [Float](repeating: 0, count: count) }
            return gradientStorage!
        }
        // In place: a `lazy var` is modified through get-then-set, which copied the
        // whole array (7.5 MB for an embedding table) at every in-place update.
        _modify {
            if gradientStorage == nil { gradientStorage = [Float](repeating: 0, count: count) }
            yield &gradientStorage!
        }
        set { gradientStorage = newValue }
    }
    private var gradientStorage: [Float]?

    /// For a (rows, width) table whose backward pass adds into few rows (an embedding):
    /// the rows whose gradient may be nonzero. Zeroing and clipping then cost O(rows
    /// touched), not O(count). nil: any element may be nonzero.
    public private(set) var touchedRows: TouchedRows?

    /// Tracks touched rows from now on; `rowWidth` elements a row.
    public func trackTouchedRows(rowWidth: Int) {
        precondition(rowWidth > 0 && count % rowWidth == 0, "\(name): \(count) elements are not rows of \(rowWidth)")
        touchedRows = TouchedRows(rowCount: count / rowWidth, rowWidth: rowWidth)
    }

    /// Calls `body` with each range of elements whose gradient may be nonzero: the
    /// touched rows of a tracked table, else all of it.
    public func forEachGradientRange(_ body: (Range<Int>) -> Void) {
        guard let touchedRows else { return body(0..<count) }
        let width = touchedRows.rowWidth
        for row in touchedRows.rows {
            let start = Int(row) * width
            body(start..<(start + width))
        }
    }

    /// Calls `body` on each stretch of `gradient` that may be nonzero (see
    /// `forEachGradientRange`), in place.
    public func forEachGradientSpan(_ body: (UnsafeMutablePointer<Float>, Int) -> Void) {
        gradient.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            forEachGradientRange { range in body(base + range.lowerBound, range.count) }
        }
    }

    /// A parameter of zeros (deferred: nothing is allocated until `value` is used).
    public convenience init(name: String, shape: [Int]) {
        self.init(name: name, shape: shape, deferred: DeferredZeros(count: shape.reduce(1, *)))
    }

    /// A parameter whose values are `deferred`'s, widened on first use of `value`.
    public init(name: String, shape: [Int], deferred: any DeferredValues) {
        let count = shape.reduce(1, *)
        precondition(deferred.count == count, "\(name): \(deferred.count) deferred values for shape \(shape)")
        self.name = name
        self.shape = shape
        self.count = count
        self.deferred = deferred
    }

    /// Replaces the values with `deferred`'s, to be widened on first use.
    public func assign(deferred: any DeferredValues) {
        precondition(deferred.count == count, "\(name): \(deferred.count) deferred values for \(count) elements")
        owedSteps?.settleAll()
        self.deferred = deferred
        storage = []
    }

    /// Copies values `offset ..< offset + length` into `destination`, from the deferred
    /// source if there is one (nothing is materialized), else from `value`.
    public func copyValues(from offset: Int, count length: Int, into destination: UnsafeMutablePointer<Float>) {
        precondition(offset >= 0 && length >= 0 && offset + length <= count, "\(name): values \(offset)..<\(offset + length) of \(count)")
        if let deferred {
            deferred.copy(from: offset, count: length, into: destination)
        } else {
            owedSteps?.settle(elements: offset..<(offset + length))
            storage.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: length) }
        }
    }

    /// Copies rows `rows[0..<count]` of the table (rows of `shape.last` values) one after
    /// another into `destination`: from the deferred source if there is one, else from
    /// `value`, after paying what those rows are owed (all of them at once, which can
    /// use both cores, rather than one `copyValues` at a time).
    public func copyRows(_ rows: UnsafePointer<Int32>, count: Int, into destination: UnsafeMutablePointer<Float>) {
        let width = shape.last!, rowCount = self.count / width
        for n in 0..<count {
            precondition(rows[n] >= 0 && Int(rows[n]) < rowCount, "\(name): row \(rows[n]) outside 0..<\(rowCount)")
        }
        if let deferred {
            for n in 0..<count { deferred.copy(from: Int(rows[n]) * width, count: width, into: destination + n * width) }
            return
        }
        owedSteps?.settle(rows: rows, count: count)
        storage.withUnsafeBufferPointer { values in
            for n in 0..<count {
                (destination + n * width).update(from: values.baseAddress! + Int(rows[n]) * width, count: width)
            }
        }
    }

    /// Steps an optimizer owes rows of this parameter, paid by every read (see the
    /// type's comment); nil when nothing can be owed. Set by the optimizer.
    public internal(set) var owedSteps: (any OwedRowSteps)?

    /// The values as they are stored, owed steps unpaid: for the optimizer that owes
    /// them, which pays and takes steps through this.
    func withStoredValues<R>(_ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        materialize()
        return storage.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    private func materialize() {
        guard let source = deferred else { return }
        storage = source.widened()
        deferred = nil
    }

    /// `value`'s storage, for a layer's forward or backward pass to read without nesting
    /// closures. Valid until `value` is next assigned or resized: take it at the top of a
    /// pass, never keep it across passes.
    public var valuePointer: UnsafePointer<Float> {
        value.withUnsafeBufferPointer { $0.baseAddress! }
    }

    /// `gradient`'s storage (made unique first), for a backward pass to add into. Same
    /// lifetime rule as `valuePointer`.
    public var gradientPointer: UnsafeMutablePointer<Float> {
        gradient.withUnsafeMutableBufferPointer { $0.baseAddress! }
    }

    /// Fills `value` with uniform(−bound, bound) draws.
    public func initializeUniform(bound: Float, generator: inout SeededGenerator) {
        value.withUnsafeMutableBufferPointer { values in
            for index in values.indices {
                values[index] = (generator.nextUnitFloat() * 2 - 1) * bound
            }
        }
    }

    /// Sets every gradient element to 0 (of a tracked table, only the touched rows, which
    /// are then forgotten).
    public func zeroGradient() {
        forEachGradientSpan { span, count in span.update(repeating: 0, count: count) }
        forgetTouchedRows()
    }

    /// Empties `touchedRows` (for one who has just zeroed those rows' gradient).
    func forgetTouchedRows() {
        touchedRows?.removeAll()
    }
}

/// Steps an optimizer owes some rows of a parameter and pays when they are read
/// (`AdamRowDebt`). Paying must give exactly the values and optimizer state that taking
/// the steps when they were due would have given.
public protocol OwedRowSteps: AnyObject {
    /// Pays what the rows overlapping `elements` owe.
    func settle(elements: Range<Int>)
    /// Pays what rows `rows[0..<count]` owe (each in the table; a row may be listed more
    /// than once).
    func settle(rows: UnsafePointer<Int32>, count: Int)
    /// Pays what every row owes.
    func settleAll()
}

/// The rows of a table whose gradient may be nonzero since it was last zeroed, in the
/// order they were first touched.
public final class TouchedRows {
    public let rowWidth: Int
    private let order: FirstUseOrder

    init(rowCount: Int, rowWidth: Int) {
        order = FirstUseOrder(capacity: rowCount)
        self.rowWidth = rowWidth
    }

    public var rows: [Int32] { order.indices }

    /// Records that `row`'s gradient may now be nonzero.
    @inline(__always)
    public func insert(_ row: Int) {
        order.insert(row)
    }

    func removeAll() {
        order.removeAll()
    }
}

/// Values kept outside a `Parameter` until it needs them: widened to `Float` on request.
/// Implementations are immutable, so any thread may copy from them.
public protocol DeferredValues: AnyObject, Sendable {
    /// How many values.
    var count: Int { get }
    /// Writes values `offset ..< offset + count` to `destination` (the caller has checked
    /// the range).
    func copy(from offset: Int, count: Int, into destination: UnsafeMutablePointer<Float>)
}

extension DeferredValues {
    /// Every value, widened into a new array.
    public func widened() -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { copy(from: 0, count: count, into: buffer.baseAddress!) }
            initialized = count
        }
    }
}

/// `count` zeros, never allocated.
final class DeferredZeros: DeferredValues {
    let count: Int
    init(count: Int) { self.count = count }
    func copy(from offset: Int, count: Int, into destination: UnsafeMutablePointer<Float>) {
        destination.update(repeating: 0, count: count)
    }
}
