import Model
import XCTest

final class ClassifierConfigTests: XCTestCase {
    /// V=10, E=4, H=3, one bidirectional LSTM layer, K=2, counted by hand: embedding 10·4,
    /// per direction W_ih 12·4 + W_hh 12·3 + two biases of 12, then fc 2·6 + 2.
    let small = ClassifierConfig(vocabularySize: 10, embeddingDim: 4, hiddenSize: 3, layers: 1, classCount: 2,
                                 dropout: 0, pooling: .last, cell: .lstm, directions: 2)

    func testParameterCountMatchesTheShapesCountedByHand() {
        XCTAssertEqual(small.parameterCount, 40 + 2 * (48 + 36 + 12 + 12) + 12 + 2)
        XCTAssertEqual(small.expectedTensorShapes.first?.name, "embedding.weight")
        XCTAssertEqual(small.expectedTensorShapes.last?.shape, [2])
    }

    /// Twenty bytes a parameter (value, gradient, two Adam moments, best copy): 270
    /// parameters fit in 5,400 bytes and not in 5,399.
    func testTrainingMemoryIsTwentyBytesAParameter() throws {
        XCTAssertNil(small.trainingMemoryProblem(memory: 5_400))
        let problem = try XCTUnwrap(small.trainingMemoryProblem(memory: 5_399))
        XCTAssertTrue(problem.hasPrefix("the network has 270 parameters: training it needs about 0.0 GiB"), problem)
        let widest = ClassifierConfig(vocabularySize: 100, embeddingDim: ClassifierConfig.maximumWidth,
                                      hiddenSize: ClassifierConfig.maximumWidth, layers: ClassifierConfig.maximumLayers,
                                      classCount: 3, dropout: 0, pooling: .last, cell: .lstm, directions: 2)
        let twentyFourGiB: UInt64 = 24 << 30
        let message = try XCTUnwrap(widest.trainingMemoryProblem(memory: twentyFourGiB))
        XCTAssertTrue(message.contains("more than this machine's 24.0 GiB of memory"), message)
        XCTAssertNil(ClassifierConfig(vocabularySize: 80_000, embeddingDim: 128, hiddenSize: 128, layers: 1, classCount: 3,
                                      dropout: 0.5, pooling: .max, cell: .lstm, directions: 2)
            .trainingMemoryProblem(memory: twentyFourGiB), "the default model's shape trains anywhere")
    }
}
