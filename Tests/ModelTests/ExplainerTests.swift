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
