import Foundation
import NN
import XCTest
@testable import Model

/// A float16 model file's tensors stay in the file's bytes until used: a prediction
/// widens only the embedding rows of its tokens, and nothing about the answers changes.
final class DeferredWeightsTests: XCTestCase {
    private func float16File() throws -> (bytes: [UInt8], file: SentimentModelFile) {
        let file = ModelFixtures.modelFile(storage: .float16)
        let bytes = file.safetensors().serialized()
        return (bytes, try SentimentModelFile.decode(SafetensorsFile.parse(bytes.withUnsafeBytes { $0 }, file: "m"), file: "m"))
    }

    func testDeferredModelPredictsLikeTheWidenedOneAndKeepsItsTableDeferred() throws {
        let (bytes, eagerFile) = try float16File()
        let eager = eagerFile.makeClassifier()
        XCTAssertNil(eager.embedding.weight.deferred, "an eagerly parsed file holds widened values")
        let model = try SentimentModel.load(bytes: ModelBytes(Data(bytes)), source: "m")
        let embedding = model.classifier.embedding.weight
        XCTAssertNotNil(embedding.deferred, "the table stays in the file's bytes after loading")

        let texts = ["good film", "not great", "awful awful bad film", "unknown words here"]
        let encoded = texts.map(model.encode)
        let expected = classifyEncoded(encoded, with: eager, batchSize: 256)
        XCTAssertEqual(model.probabilities(for: encoded), expected)
        XCTAssertNotNil(embedding.deferred, "predicting widened only the rows it used")

        // Reading `value` widens the whole table, to exactly the eager values.
        for parameter in model.classifier.parameters {
            XCTAssertEqual(parameter.value, eager.parameter(named: parameter.name)!.value, parameter.name)
        }
        XCTAssertNil(embedding.deferred)
        XCTAssertEqual(model.probabilities(for: encoded), expected)
    }

    func testFloat16FinitenessIsCheckedInEveryLaneAndInTheTail() {
        // Every position of tables of 1 to 11 values, so each of the four lanes of a
        // word and each tail length meets an infinity or a NaN; and in tables of several
        // 1,024-value blocks, the positions at their edges.
        let longTables = [1_023, 1_024, 1_025, 2_049, 4_100]
        for count in Array(1...11) + longTables {
            let positions = count <= 11 ? Array(0..<count)
                : [0, 1, 1_022, 1_023, 1_024, 1_025, 2_048, count - 2, count - 1].filter { $0 < count }
            for position in positions {
                for bad: UInt16 in [0x7C00, 0xFC00, 0x7E00, 0xFFFF, 0x7C01] {
                    var halves = [UInt16](repeating: 0x3C00, count: count)  // 1.0
                    halves[position] = bad
                    XCTAssertFalse(values(halves).allFinite, "count \(count), \(String(bad, radix: 16)) at \(position)")
                }
                var finite = [UInt16](repeating: 0x3C00, count: count)
                finite[position] = 0x7BFF  // the largest finite half
                XCTAssertTrue(values(finite).allFinite, "count \(count), 65504 at \(position)")
                finite[position] = 0x8001  // the smallest negative subnormal
                XCTAssertTrue(values(finite).allFinite, "count \(count), subnormal at \(position)")
            }
        }
    }

    func testAFloat16FileWithAnInfinityIsRefusedWithoutWideningIt() throws {
        var file = ModelFixtures.modelFile(storage: .float16)
        var table = file.tensors[0].values
        table[table.count - 3] = .infinity
        file.tensors[0].values = table
        let bytes = file.safetensors().serialized()
        XCTAssertThrowsError(try SentimentModel.load(bytes: ModelBytes(Data(bytes)), source: "m.safetensors")) { error in
            XCTAssertEqual((error as? ModelFileError)?.description,
                           "m.safetensors: bad 'embedding.weight' metadata: tensor holds NaN or infinite values")
        }
    }

    func testParameterDefersUntilReadAndCopiesRowsWithoutMaterializing() {
        let halves: [UInt16] = [0x3C00, 0x4000, 0xC200, 0x0000, 0x3800, 0x7BFF]  // 1, 2, -3, 0, 0.5, 65504
        let parameter = Parameter(name: "p", shape: [3, 2], deferred: values(halves))
        var row = [Float](repeating: 9, count: 2)
        row.withUnsafeMutableBufferPointer { parameter.copyValues(from: 2, count: 2, into: $0.baseAddress!) }
        XCTAssertEqual(row, [-3, 0])
        XCTAssertNotNil(parameter.deferred)
        XCTAssertEqual(parameter.count, 6)
        XCTAssertEqual(parameter.gradient.count, 6, "the gradient is sized without widening the values")
        XCTAssertNotNil(parameter.deferred)
        parameter.value[1] += 1
        XCTAssertNil(parameter.deferred)
        XCTAssertEqual(parameter.value, [1, 3, -3, 0, 0.5, 65504])

        let zeros = Parameter(name: "z", shape: [2, 2])
        XCTAssertNotNil(zeros.deferred, "a fresh parameter allocates nothing")
        XCTAssertEqual(zeros.value, [0, 0, 0, 0])
        zeros.assign(deferred: values([0x3C00, 0x3C00, 0x3C00, 0x3C00]))
        XCTAssertEqual(zeros.value, [1, 1, 1, 1])
    }

    private func values(_ halves: [UInt16]) -> Float16Values {
        let bytes = halves.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        return Float16Values(bytes: ModelBytes(Data([0xAB] + bytes)), byteOffset: 1, count: halves.count)
    }
}
