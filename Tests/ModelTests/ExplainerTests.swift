import XCTest
@testable import Model
@testable import NN
import Text

/// `explain`'s engine: integrated gradients and gate traces.
final class ExplainerTests: XCTestCase {
    func testGaussLegendreIntegratesPolynomialsExactly() {
        let (nodes, weights) = GaussLegendre.unitInterval(nodes: 5)
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-14)
        XCTAssertEqual(nodes, nodes.sorted())
        // ∫₀¹ x⁹ dx = 1/10: degree 9 < 2·5.
        XCTAssertEqual(zip(nodes, weights).reduce(0) { $0 + $1.1 * pow($1.0, 9) }, 0.1, accuracy: 1e-14)
    }

    func testAttributionsAreCompleteWithTheDefaultModel() throws {
        let model = try SentimentModel.embeddedDefault()
        let explainer = Explainer(model: model, steps: 32)
        for text in ["not bad at all", "great cast but a dull plot", "Worst purchase ever. Broke after two days 😡",
                     "The first half drags, the acting is wooden, and the ending makes no sense; still, the music is lovely."] {
            let explanation = explainer.explain(text)
            XCTAssertEqual(explanation.attributions.count, explanation.tokens.count, text)
            XCTAssertLessThan(explanation.completenessError, 0.01, text)
            print(explanation.steps, explanation.completenessError)
        }
    }
}

final class EmojiNameExplanationTests: XCTestCase {
    /// The default model, made to read unknown emoji as their names.
    private func defaultModelReadingEmojiNames() throws -> SentimentModel {
        let shipped = try SentimentModel.embeddedDefault()
        let bytes = ModelBytes(permanent: try XCTUnwrap(SentimentModel.embeddedBytes))
        var file = try SentimentModelFile.decode(SafetensorsFile.parse(bytes, file: "default"), file: "default")
        XCTAssertFalse(file.configuration.tokenizer.emojiNames, "the shipped model reads emoji as before (round 26)")
        file.configuration.tokenizer.emojiNames = true
        return SentimentModel(file: file, fingerprint: "test", source: shipped.source, fileSize: shipped.fileSize)
    }

    func testTheWordsOfAnEmojisNameShareItsSpanAndAddUp() throws {
        let model = try defaultModelReadingEmojiNames()
        let text = "love it 👍"
        let explanation = Explainer(model: model, steps: 32).explain(text)
        XCTAssertEqual(explanation.tokens.map(\.token), ["love", "it", "thumbs", "up", "sign"])
        XCTAssertEqual(explanation.emoji, [nil, nil, "👍", "👍", "👍"])
        XCTAssertEqual(explanation.tokens.suffix(3).map(\.range), Array(repeating: 8..<9, count: 3), "👍 is scalar 8")
        XCTAssertEqual(explanation.unknown, [false, false, false, false, false])
        XCTAssertEqual(explanation.gates.first?.hiddenNorm.count, 5, "one gate step per word read")
        XCTAssertLessThan(explanation.completenessError, 0.01)
        XCTAssertEqual(explanation.labels[explanation.predictedClass], "positive")
        let shipped = Explainer(model: try SentimentModel.embeddedDefault(), steps: 32).explain(text)
        XCTAssertEqual(shipped.tokens.map(\.token), ["love", "it", "👍"])
        XCTAssertEqual(shipped.unknown, [false, false, true])
    }
}
