import Tensor

/// The Adam steps an embedding table's rows are owed, paid when the rows are read.
///
/// Dense Adam moves every row of the table at every step, also the rows the batch did
/// not use: their gradient is 0, but their moments keep decaying and their values keep
/// coasting on them. That is a pass over all V·E elements per step, bound by memory.
/// Here a step moves only the rows the batch touched and writes the step down as owed
/// by the others: its constants in `stepSizes`/`inverseCorrections2`/`decays`, and per
/// row the step it is settled through. Whoever reads a row (the next batch's embedding
/// lookup, an evaluation, a checkpoint, `Adam.state`) pays its debt first with
/// `adamSettle`, which runs the owed steps with g = 0 through the same arithmetic as a
/// step taken at once, while the row sits in cache. Values and moments are bit-identical
/// to dense Adam's, read at any time. (`torch.optim.SparseAdam`, `Adam.sparseTables`,
/// is a different rule: it forgets those steps.)
final class AdamRowDebt: OwedRowSteps {
    private unowned let parameter: Parameter
    private let moments: AdamMoments
    private let rowWidth: Int
    private let l2: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float
    /// Steps taken so far (t).
    private var stepCount: Int
    /// Per row, the step through which its value and moments are up to date.
    private var settledThrough: [Int32]
    /// The constants of steps `firstKeptStep ..< firstKeptStep + stepSizes.count`; every
    /// row is settled through `firstKeptStep - 1` at least.
    private var firstKeptStep: Int
    private var stepSizes: [Float] = [], inverseCorrections2: [Float] = [], decays: [Float] = []

    /// A debt over `parameter` (which must track its touched rows) whose rows are all up
    /// to date after `stepCount` steps.
    init(parameter: Parameter, moments: AdamMoments, stepCount: Int,
         l2: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float) {
        let rowWidth = parameter.touchedRows!.rowWidth
        self.parameter = parameter
        self.moments = moments
        self.rowWidth = rowWidth
        self.l2 = l2
        self.oneMinusBeta1 = oneMinusBeta1
        self.beta2 = beta2
        self.oneMinusBeta2 = oneMinusBeta2
        self.epsilon = epsilon
        self.stepCount = stepCount
        settledThrough = [Int32](repeating: Int32(stepCount), count: parameter.count / rowWidth)
        firstKeptStep = stepCount + 1
    }

    /// Takes step t + 1: the rows the batch touched pay what they owe, then take the step
    /// with their gradient; every other row owes it.
    func step(stepSize: Float, inverseCorrection2: Float, decay: Float, gradient: UnsafePointer<Float>) {
        stepCount += 1
        stepSizes.append(stepSize)
        inverseCorrections2.append(inverseCorrection2)
        decays.append(decay)
        withPointers { rows in
            parameter.forEachGradientRange { range in
                let row = range.lowerBound / rowWidth, start = range.lowerBound
                rows.settle(row, through: stepCount - 1)
                adamUpdate(value: rows.theta + start, gradient: gradient + start, firstMoment: rows.m + start,
                           secondMoment: rows.v + start, count: rowWidth, stepSize: stepSize,
                           inverseCorrection2: inverseCorrection2, decay: decay, l2: l2,
                           oneMinusBeta1: oneMinusBeta1, beta2: beta2, oneMinusBeta2: oneMinusBeta2,
                           epsilon: epsilon)
                rows.settledThrough[row] = Int32(stepCount)
            }
        }
    }

    func settle(elements: Range<Int>) {
        guard !elements.isEmpty else { return }
        let rows = (elements.lowerBound / rowWidth)...((elements.upperBound - 1) / rowWidth)
        // The common case, rows already up to date, must cost no more than this test.
        if rows.allSatisfy({ settledThrough[$0] == stepCount }) { return }
        withPointers { pointers in
            for row in rows { pointers.settle(row, through: stepCount) }
        }
    }

    func settle(rows ids: UnsafePointer<Int32>, count: Int) {
        let rowCount = settledThrough.count, last = stepCount
        var owing = false
        for n in 0..<count {
            let row = Int(ids[n])
            precondition(row >= 0 && row < rowCount, "row \(row) outside a table of \(rowCount)")
            if settledThrough[row] != last { owing = true }
        }
        guard owing else { return }
        withPointers { rows in
            // Even rows on one core, odd on the other: a repeated id is paid by one thread.
            runConcurrently({
                for n in 0..<count where ids[n] & 1 == 0 { rows.settle(Int(ids[n]), through: last) }
            }, {
                for n in 0..<count where ids[n] & 1 == 1 { rows.settle(Int(ids[n]), through: last) }
            }, serially: count < 64)
        }
    }

    func settleAll() {
        guard firstKeptStep <= stepCount else { return }
        let rowCount = settledThrough.count, half = rowCount / 2, last = stepCount
        withPointers { rows in
            // Rows are disjoint memory, so the two halves can be paid at the same time.
            runConcurrently({
                for row in 0..<half { rows.settle(row, through: last) }
            }, {
                for row in half..<rowCount { rows.settle(row, through: last) }
            }, serially: rowCount < 1024)
        }
        forgetPaidSteps()
    }

    /// After the optimizer's state was replaced (a resumed run): every row is up to date
    /// after `stepCount` steps and nothing is owed.
    func restart(at stepCount: Int) {
        self.stepCount = stepCount
        settledThrough = [Int32](repeating: Int32(stepCount), count: settledThrough.count)
        forgetPaidSteps()
    }

    private func forgetPaidSteps() {
        firstKeptStep = stepCount + 1
        stepSizes.removeAll(keepingCapacity: true)
        inverseCorrections2.removeAll(keepingCapacity: true)
        decays.removeAll(keepingCapacity: true)
    }

    /// Runs `body` with the table, its moments, the rows' settled steps and the kept
    /// steps' constants as pointers (fetched once; no array access inside, so two
    /// threads can pay different rows).
    private func withPointers(_ body: (RowPointers) -> Void) {
        parameter.withStoredValues { theta in
        moments.first.withUnsafeMutableBufferPointer { m in
        moments.second.withUnsafeMutableBufferPointer { v in
        settledThrough.withUnsafeMutableBufferPointer { settled in
        stepSizes.withUnsafeBufferPointer { sizes in
        inverseCorrections2.withUnsafeBufferPointer { corrections in
        decays.withUnsafeBufferPointer { decays in
            body(RowPointers(theta: theta, m: m.baseAddress!, v: v.baseAddress!, settledThrough: settled.baseAddress!,
                             stepSizes: sizes.baseAddress, inverseCorrections2: corrections.baseAddress,
                             decays: decays.baseAddress, firstKeptStep: firstKeptStep, rowWidth: rowWidth,
                             l2: l2, oneMinusBeta1: oneMinusBeta1, beta2: beta2, oneMinusBeta2: oneMinusBeta2,
                             epsilon: epsilon))
        }}}}}}}
    }
}

/// What paying a row's debt reads and writes, as pointers.
private struct RowPointers {
    let theta: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
    let settledThrough: UnsafeMutablePointer<Int32>
    /// The kept steps' constants; nil only when no step is kept, and then no row owes one.
    let stepSizes: UnsafePointer<Float>?, inverseCorrections2: UnsafePointer<Float>?, decays: UnsafePointer<Float>?
    let firstKeptStep: Int, rowWidth: Int
    let l2: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float

    /// Runs the steps `row` owes, up to and including step `last`.
    func settle(_ row: Int, through last: Int) {
        let first = Int(settledThrough[row]) + 1
        guard first <= last else { return }
        let start = row * rowWidth, kept = first - firstKeptStep
        adamSettle(value: theta + start, firstMoment: m + start, secondMoment: v + start, count: rowWidth,
                   steps: last - first + 1, stepSizes: stepSizes! + kept,
                   inverseCorrections2: inverseCorrections2! + kept, decays: decays! + kept,
                   l2: l2, oneMinusBeta1: oneMinusBeta1, beta2: beta2, oneMinusBeta2: oneMinusBeta2,
                   epsilon: epsilon)
        settledThrough[row] = Int32(last)
    }
}

/// One parameter's first and second Adam moments, shared by `Adam` and, for a table
/// stepped lazily, its `AdamRowDebt`.
final class AdamMoments {
    var first: [Float]
    var second: [Float]

    init(count: Int) {
        first = [Float](repeating: 0, count: count)
        second = [Float](repeating: 0, count: count)
    }
}
