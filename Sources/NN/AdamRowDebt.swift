import Tensor

/// The Adam steps an embedding table's rows are owed, paid when the rows are read.
///
/// Dense Adam moves every row of the table at every step, also the rows the batch did
/// not use: their gradient is 0, but their moments keep decaying and their values keep
/// coasting on them. That is a pass over all V·E elements per step, bound by memory.
/// Here a step moves only the rows the batch touched and writes the step down as owed
/// by the others: its step size, bias correction and decay in `keptStepTerms`, and per
/// row the step it is settled through. Whoever reads a row (the next batch's embedding
/// lookup, an evaluation, a checkpoint, `Adam.state`) pays its debt first with
/// `adamSettle`, which runs the owed steps with g = 0 through the same arithmetic as a
/// step taken at once, while the row sits in cache (the last steps of a long debt, once
/// no step can move a value any more, on the moments alone). Values and moments are bit-identical
/// to dense Adam's, read at any time. (`torch.optim.SparseAdam`, `Adam.sparseTables`,
/// is a different rule: it forgets those steps.)
///
/// While no owed step has an L2 term or a decay, such a step leaves a row whose moments
/// are all +0 exactly as it is (m = v = 0, θ − η·0/(0 + ε) = θ), so that row's debt is
/// written off without running it. Those are the rows no batch has used yet: most of
/// what a row owes before the batch that first uses it, and all that the rows of a
/// vocabulary the training data never uses owe.
final class AdamRowDebt: OwedRowSteps {
    private unowned let parameter: Parameter
    private let moments: AdamMoments
    private let rowWidth: Int
    /// The last step's update: its β, ε and L2 terms are every step's.
    private var lastUpdate: AdamUpdate?
    /// Steps taken so far (t).
    private var stepCount = 0
    /// Per row, the step through which its value and moments are up to date.
    private var settledThrough: [Int32]
    /// Whether every kept step leaves a row with zero moments as it is (no L2, no decay).
    private var keptStepsKeepZeroRows = true
    /// Every row is settled through `firstKeptStep - 1` at least.
    private var firstKeptStep = 1
    /// Three per step from `firstKeptStep` on: its step size, inverse bias correction and
    /// decay (`ck_adam_settle`'s layout).
    private var keptStepTerms: [Float] = []

    /// A debt over `parameter`, which must track its touched rows, before any step.
    init(parameter: Parameter, moments: AdamMoments) {
        let rowWidth = parameter.touchedRows!.rowWidth
        self.parameter = parameter
        self.moments = moments
        self.rowWidth = rowWidth
        settledThrough = [Int32](repeating: 0, count: parameter.count / rowWidth)
    }

    /// Takes step t + 1: the rows the batch touched pay what they owe, then take the step
    /// with their gradient; every other row owes it.
    func step(_ update: AdamUpdate, gradient: UnsafePointer<Float>) {
        stepCount += 1
        lastUpdate = update
        keptStepTerms.append(update.stepSize)
        keptStepTerms.append(update.inverseCorrection2)
        keptStepTerms.append(update.decay)
        keptStepsKeepZeroRows = keptStepsKeepZeroRows && update.l2 == 0 && update.decay == 1
        let width = rowWidth, last = stepCount
        let touched = parameter.touchedRows!.rows
        withPointers { rows in
            forEachRowOnBothCores(touched.lazy.map { Int($0) }, row: { $0 }, serially: touched.count < 64) { row in
                rows.settle(row, through: last - 1)
                update.apply(theta: rows.theta, gradient: gradient, m: rows.m, v: rows.v,
                             range: (row * width)..<((row + 1) * width))
                rows.settledThrough[row] = Int32(last)
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
        let last = stepCount
        guard (0..<count).contains(where: { settledThrough[Int(ids[$0])] != last }) else { return }
        withPointers { rows in
            forEachRowOnBothCores(UnsafeBufferPointer(start: ids, count: count).lazy.map { Int($0) }, row: { $0 },
                                  serially: count < 64) {
                rows.settle($0, through: last)
            }
        }
    }

    func settleAll() {
        guard firstKeptStep <= stepCount else { return }
        let rowCount = settledThrough.count, last = stepCount
        withPointers { rows in
            forEachRowOnBothCores(0..<rowCount, row: { $0 }, serially: rowCount < 1024) { rows.settle($0, through: last) }
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
        keptStepTerms.removeAll(keepingCapacity: true)
        keptStepsKeepZeroRows = true
    }

    /// Runs `body` with the table, its moments, the rows' settled steps and the kept
    /// steps' constants as pointers (fetched once; no array access inside, so two
    /// threads can pay different rows).
    private func withPointers(_ body: (RowPointers) -> Void) {
        parameter.withStoredValues { theta in
        moments.first.withUnsafeMutableBufferPointer { m in
        moments.second.withUnsafeMutableBufferPointer { v in
        settledThrough.withUnsafeMutableBufferPointer { settled in
        keptStepTerms.withUnsafeBufferPointer { terms in
            body(RowPointers(theta: theta, m: m.baseAddress!, v: v.baseAddress!, settledThrough: settled.baseAddress!,
                             keptStepsKeepZeroRows: keptStepsKeepZeroRows,
                             keptStepTerms: terms.baseAddress, firstKeptStep: firstKeptStep, rowWidth: rowWidth,
                             update: lastUpdate))
        }}}}}
    }
}

/// What paying a row's debt reads and writes, as pointers.
private struct RowPointers {
    let theta: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
    let settledThrough: UnsafeMutablePointer<Int32>
    let keptStepsKeepZeroRows: Bool
    /// Three terms per kept step; nil only when no step is kept, and then no row owes one.
    let keptStepTerms: UnsafePointer<Float>?
    let firstKeptStep: Int, rowWidth: Int
    /// For the terms every step shares; nil only before the first step.
    let update: AdamUpdate?

    /// Whether the row starting at `start` has every moment +0 (bit for bit: a −0 would
    /// become +0 in a step). A row with moments fails on its first element.
    private func hasZeroMoments(from start: Int) -> Bool {
        for i in start..<(start + rowWidth) where m[i].bitPattern != 0 || v[i].bitPattern != 0 { return false }
        return true
    }

    /// Runs the steps `row` owes, up to and including step `last`.
    func settle(_ row: Int, through last: Int) {
        let first = Int(settledThrough[row]) + 1
        guard first <= last else { return }
        let start = row * rowWidth
        if keptStepsKeepZeroRows && hasZeroMoments(from: start) {
            settledThrough[row] = Int32(last)
            return
        }
        let kept = first - firstKeptStep, update = update!
        adamSettle(value: theta + start, firstMoment: m + start, secondMoment: v + start, count: rowWidth,
                   steps: last - first + 1, stepTerms: keptStepTerms! + 3 * kept,
                   l2: update.l2, oneMinusBeta1: update.oneMinusBeta1, beta2: update.beta2,
                   oneMinusBeta2: update.oneMinusBeta2, epsilon: update.epsilon)
        settledThrough[row] = Int32(last)
    }
}
