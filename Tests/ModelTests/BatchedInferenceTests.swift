import Model
import XCTest

final class BatchedInferenceTests: XCTestCase {
    /// However the texts are cut into batches (by count or by token budget), each text
    /// gets the probabilities it gets alone, in input order.
    func testBatchingChangesNothingButTheCost() {
        let config = ClassifierConfig(vocabularySize: 40, embeddingDim: 6, hiddenSize: 5, layers: 1,
                                      classCount: 3, dropout: 0, pooling: .max)
        let classifier = Classifier(config: config, seed: 7)
        var generator = SystemRandomNumberGenerator()
        let encoded: [[Int32]] = (0..<70).map { index in
            (0..<(1 + index * 7 % 23)).map { _ in Int32.random(in: 2..<40, using: &generator) }
        }
        let alone = encoded.map { classifyEncoded([$0], with: classifier)[0] }
        for (batchSize, tokenBudget) in [(256, 65_536), (1, 65_536), (8, 65_536), (64, 30)] {
            let batched = classifyEncoded(encoded, with: classifier, batchSize: batchSize, tokenBudget: tokenBudget)
            XCTAssertEqual(batched.count, encoded.count)
            for (row, expected) in zip(batched, alone) {
                XCTAssertEqual(row.count, 3)
                for (a, b) in zip(row, expected) {
                    XCTAssertEqual(a, b, accuracy: 1e-5, "batch size \(batchSize), budget \(tokenBudget)")
                }
            }
        }
    }
}
