import Foundation
import XCTest
@testable import Model

final class BatchLossCurveTests: XCTestCase {
    func testPointsAverageRunsOfBatchesAndTheLastRunMayBeShorter() {
        var curve = BatchLossCurve(batches: 57)
        for batch in 1...57 { curve.record(Float(batch)) }
        XCTAssertEqual(curve.interval, 2)
        XCTAssertEqual(curve.meanLosses.count, 29)
        XCTAssertEqual(curve.meanLosses.first, 1.5, "batches 1 and 2")
        XCTAssertEqual(curve.meanLosses.last, 57, "the last batch alone")
        XCTAssertEqual(curve.epochFraction(atPoint: 0), 2.0 / 57)
        XCTAssertEqual(curve.epochFraction(atPoint: 28), 1)
    }

    func testAnEpochGivesAboutThirtyTwoPointsWhateverItsLength() {
        for (batches, interval, points) in [(1, 1, 1), (10, 1, 10), (32, 1, 32), (33, 2, 17), (1000, 32, 32), (100_000, 3125, 32)] {
            var curve = BatchLossCurve(batches: batches)
            for _ in 0..<batches { curve.record(0.5) }
            XCTAssertEqual(curve.interval, interval, "\(batches) batches")
            XCTAssertEqual(curve.meanLosses.count, points, "\(batches) batches")
        }
    }

    func testAFinishedCurveSurvivesJSONAndOlderRecordsDecodeWithoutIt() throws {
        var curve = BatchLossCurve(batches: 5)
        for loss: Float in [1, 0.8, 0.6, 0.5, 0.4] { curve.record(loss) }
        let record = EpochRecord(epoch: 1, trainLoss: 0.66, devAccuracy: 0.5, devMacroF1: 0.4, seconds: 1,
                                 tokensPerSecond: 10, paddingFraction: 0, devLoss: 0.7, trainLossCurve: curve)
        let decoded = try JSONDecoder().decode(EpochRecord.self, from: JSONEncoder().encode(record))
        XCTAssertEqual(decoded, record)
        let older = #"{"epoch":1,"trainLoss":0.5,"devAccuracy":0.5,"devMacroF1":0.5,"seconds":1,"tokensPerSecond":1,"paddingFraction":0}"#
        let old = try JSONDecoder().decode(EpochRecord.self, from: Data(older.utf8))
        XCTAssertNil(old.devLoss)
        XCTAssertNil(old.trainLossCurve)
    }
}
