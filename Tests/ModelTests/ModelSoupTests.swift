import Foundation
import Vocabulary
import XCTest
@testable import Model

/// `ModelSoup.average`: every tensor is the mean of its ingredients', the card names the
/// ingredients and drops what described one of them, and models of another shape are refused.
final class ModelSoupTests: XCTestCase {
    private func load(_ file: SentimentModelFile, _ name: String, in directory: URL) throws -> SentimentModel {
        let url = directory.appendingPathComponent(name)
        try file.write(to: url)
        return try SentimentModel.load(contentsOf: url)
    }

    func testEveryTensorIsTheMeanOfTheIngredients() throws {
        let directory = try ModelFixtures.temporaryDirectory()
        var first = ModelFixtures.modelFile(seed: 3)
        first.configuration.calibration = CalibrationRecord(
            temperature: 1.7, devRows: 10, devECEBefore: 0.2, devECEAfter: 0.1, devNLLBefore: 0.9, devNLLAfter: 0.8,
            data: "dev.tsv", offsets: nil)
        let models = try [first, ModelFixtures.modelFile(seed: 4), ModelFixtures.modelFile(seed: 5)].enumerated().map {
            try load($1, "m\($0).safetensors", in: directory)
        }
        let soup = try ModelSoup.average(models)

        XCTAssertEqual(soup.tensors.map(\.name), models[0].classifier.parameters.map(\.name))
        var compared = 0
        for tensor in soup.tensors {
            let values = try models.map { try XCTUnwrap($0.classifier.parameter(named: tensor.name)).value }
            for i in tensor.values.indices {
                let mean = (values[0][i] + values[1][i] + values[2][i]) / 3
                XCTAssertEqual(tensor.values[i], mean, accuracy: 1e-6 * max(1, abs(mean)), "\(tensor.name)[\(i)]")
                compared += 1
            }
            XCTAssertNotEqual(tensor.values, values[0], "\(tensor.name): the seeds gave other weights")
        }
        XCTAssertEqual(compared, ModelFixtures.modelFile().tensors.map(\.values.count).reduce(0, +))

        XCTAssertEqual(soup.configuration.soup, models.map {
            SoupIngredientRecord(file: $0.source, fingerprint: $0.fingerprint, training: nil)
        })
        XCTAssertNil(soup.configuration.calibration, "the first ingredient's temperature fits its own logits, not the soup's")
        XCTAssertEqual(soup.configuration.network, models[0].configuration.network)
        XCTAssertEqual(soup.labels, models[0].labels)
        XCTAssertEqual(soup.vocabulary.tokens, models[0].vocabulary.tokens)

        // Written and read back, the card keeps its ingredients.
        let reloaded = try load(soup, "soup.safetensors", in: directory)
        XCTAssertEqual(reloaded.configuration.soup?.count, 3)
    }

    func testAModelOfAnotherShapeIsRefusedByName() throws {
        let directory = try ModelFixtures.temporaryDirectory()
        let base = try load(ModelFixtures.modelFile(seed: 3), "base.safetensors", in: directory)

        var relabelled = ModelFixtures.modelFile(seed: 4)
        relabelled.labels = ["bad", "good"]
        let classes = try load(relabelled, "classes.safetensors", in: directory)
        XCTAssertThrowsError(try ModelSoup.average([base, classes])) { error in
            XCTAssertEqual("\(error)", "\(classes.source): cannot be averaged with \(base.source): "
                + "the classes differ (bad, good against negative, positive)")
        }

        let deeper = try load(ModelFixtures.modelFile(layers: 2, seed: 4), "deeper.safetensors", in: directory)
        XCTAssertThrowsError(try ModelSoup.average([base, base, deeper])) { error in
            XCTAssertEqual(error as? ModelSoupError,
                           .mismatch(file: deeper.source, with: base.source, difference: "the networks differ"))
        }

        // Dropout changes no weight: a model trained with another rate averages.
        var otherDropout = ModelFixtures.modelFile(seed: 4)
        otherDropout.configuration.network.dropout = 0.25
        let dropout = try load(otherDropout, "dropout.safetensors", in: directory)
        XCTAssertEqual(try ModelSoup.average([base, dropout]).configuration.network, base.configuration.network)

        var renamed = ModelFixtures.modelFile(seed: 4)
        var tokens = renamed.vocabulary.tokens
        tokens[2] = "fine"
        renamed.vocabulary = Vocabulary(tokens: tokens, counts: Array(repeating: 1, count: tokens.count))
        let vocabulary = try load(renamed, "vocabulary.safetensors", in: directory)
        XCTAssertThrowsError(try ModelSoup.average([base, vocabulary])) { error in
            XCTAssertEqual(error as? ModelSoupError,
                           .mismatch(file: vocabulary.source, with: base.source, difference: "the vocabularies differ"))
        }

        XCTAssertThrowsError(try ModelSoup.average([base])) { error in
            XCTAssertEqual(error as? ModelSoupError, .tooFew)
        }
    }
}
