import XCTest
@testable import NN

/// Adam steps a table that tracks its touched rows lazily (`AdamRowDebt`): rows a batch
/// leaves out owe the step and pay it when read. Every read must see exactly what dense
/// Adam (the same table without row tracking) holds at that point, bit for bit.
final class AdamRowDebtTests: XCTestCase {
    /// Rows of 5: not a multiple of the vector width, so rows end in the kernels' tails.
    let rows = 9, width = 5

    /// A lazily stepped table and the same table stepped densely, with equal values.
    func makeTables() -> (lazy: Parameter, dense: Parameter) {
        let lazy = Parameter(name: "embedding.weight", shape: [rows, width])
        lazy.trackTouchedRows(rowWidth: width)
        let dense = Parameter(name: "embedding.weight", shape: [rows, width])
        let start = (0..<(rows * width)).map { Float(($0 * 37) % 23) * 0.05 - 0.5 }
        lazy.value = start
        dense.value = start
        return (lazy, dense)
    }

    /// Gives both tables the gradient of a batch that uses `batchRows` (the lazy one
    /// through the touched-row bookkeeping the embedding's backward pass keeps).
    func setGradient(rows batchRows: [Int], step: Int, lazy: Parameter, dense: Parameter) {
        lazy.zeroGradient()
        dense.zeroGradient()
        for row in batchRows {
            lazy.touchedRows!.insert(row)
            for column in 0..<width {
                let g = Float((row * 7 + column * 3 + step * 5) % 11) * 0.1 - 0.45
                lazy.gradient[row * width + column] += g
                dense.gradient[row * width + column] += g
            }
        }
    }

    /// The batches: rows repeat, rows are left out for several steps, row 8 only once.
    let batches: [[Int]] = [[1, 2, 2], [3], [1, 4, 5], [6, 1], [8], [2, 3], [7, 7, 1], [4], [5, 6, 2], [1]]

    func assertSameRows(_ lazy: Parameter, _ dense: Parameter, _ rowsToRead: [Int], together: Bool = false,
                        _ message: String) {
        if together {
            let ids = rowsToRead.map { Int32($0) }
            var lazyRows = [Float](repeating: .nan, count: ids.count * width), denseRows = lazyRows
            lazy.copyRows(ids, count: ids.count, into: &lazyRows)
            dense.copyRows(ids, count: ids.count, into: &denseRows)
            XCTAssertEqual(lazyRows.map(\.bitPattern), denseRows.map(\.bitPattern), "\(message), rows \(rowsToRead)")
            return
        }
        for row in rowsToRead {
            var lazyRow = [Float](repeating: .nan, count: width), denseRow = lazyRow
            lazy.copyValues(from: row * width, count: width, into: &lazyRow)
            dense.copyValues(from: row * width, count: width, into: &denseRow)
            XCTAssertEqual(lazyRow.map(\.bitPattern), denseRow.map(\.bitPattern), "\(message), row \(row)")
        }
    }

    func run(weightDecay: Float, decoupled: Bool) {
        let (lazy, dense) = makeTables()
        let lazyAdam = Adam(parameters: [lazy], learningRate: 0.05, weightDecay: weightDecay,
                            decoupledWeightDecay: decoupled)
        let denseAdam = Adam(parameters: [dense], learningRate: 0.05, weightDecay: weightDecay,
                             decoupledWeightDecay: decoupled)
        XCTAssertNotNil(lazy.owedSteps, "a tracked table is stepped lazily")
        XCTAssertNil(dense.owedSteps)
        for (index, batch) in batches.enumerated() {
            let step = index + 1
            // A schedule: the owed steps must each be paid with their own learning rate.
            lazyAdam.learningRate = 0.05 / Float(step)
            denseAdam.learningRate = lazyAdam.learningRate
            // What the batch's embedding lookup reads, before the step: on even steps all
            // its rows together (`copyRows`, as `Embedding.forward` reads them), on odd
            // steps one `copyValues` at a time.
            assertSameRows(lazy, dense, batch, together: step % 2 == 0, "lookup before step \(step)")
            setGradient(rows: batch, step: step, lazy: lazy, dense: dense)
            lazyAdam.step()
            denseAdam.step()
            if step == 5 {
                // A reader of the whole table (an evaluation, a checkpoint) mid-run.
                XCTAssertEqual(lazy.value.map(\.bitPattern), dense.value.map(\.bitPattern), "whole table after step 5")
            }
        }
        XCTAssertEqual(lazyAdam.state, denseAdam.state, "moments after \(batches.count) steps")
        XCTAssertEqual(lazy.value.map(\.bitPattern), dense.value.map(\.bitPattern), "whole table at the end")
        // Dense Adam really moved rows the last batches left out: the test is not vacuous.
        XCTAssertNotEqual(lazy.value, makeTables().lazy.value)
    }

    func testLazyStepsMatchDenseAdamBitForBit() {
        run(weightDecay: 0, decoupled: false)
    }

    func testLazyStepsMatchDenseAdamWithL2Decay() {
        run(weightDecay: 0.1, decoupled: false)
    }

    func testLazyStepsMatchDenseAdamWWithDecoupledDecay() {
        run(weightDecay: 0.1, decoupled: true)
    }

    /// Rows left out of the last batches owe steps; a resumed run restores the moments
    /// read out then, and both runs continue the same as one uninterrupted dense run.
    func testRestoreAfterOwedStepsContinuesLikeDenseAdam() throws {
        let (lazy, dense) = makeTables()
        let firstAdam = Adam(parameters: [lazy], learningRate: 0.05)
        let denseAdam = Adam(parameters: [dense], learningRate: 0.05)
        for (index, batch) in batches.prefix(4).enumerated() {
            setGradient(rows: batch, step: index + 1, lazy: lazy, dense: dense)
            firstAdam.step()
            denseAdam.step()
        }
        let saved = firstAdam.state
        let values = lazy.value
        let resumed = Parameter(name: "embedding.weight", shape: [rows, width])
        resumed.trackTouchedRows(rowWidth: width)
        resumed.value = values
        let secondAdam = Adam(parameters: [resumed], learningRate: 0.05)
        try secondAdam.restore(saved)
        for (index, batch) in batches.dropFirst(4).enumerated() {
            setGradient(rows: batch, step: index + 5, lazy: resumed, dense: dense)
            secondAdam.step()
            denseAdam.step()
        }
        XCTAssertEqual(secondAdam.state, denseAdam.state)
        XCTAssertEqual(resumed.value.map(\.bitPattern), dense.value.map(\.bitPattern))
    }

    /// An optimizer that goes away pays its debt: the table keeps dense Adam's values.
    func testDebtIsPaidWhenTheOptimizerGoesAway() {
        let (lazy, dense) = makeTables()
        let denseAdam = Adam(parameters: [dense], learningRate: 0.05)
        do {
            let lazyAdam = Adam(parameters: [lazy], learningRate: 0.05)
            for (index, batch) in batches.enumerated() {
                setGradient(rows: batch, step: index + 1, lazy: lazy, dense: dense)
                lazyAdam.step()
                denseAdam.step()
            }
        }
        XCTAssertNil(lazy.owedSteps)
        XCTAssertEqual(lazy.value.map(\.bitPattern), dense.value.map(\.bitPattern))
    }
}
