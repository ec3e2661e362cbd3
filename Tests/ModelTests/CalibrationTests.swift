import Foundation
import NN
import Text
import Vocabulary
import XCTest
@testable import Model

final class CalibrationTests: XCTestCase {
    /// Four examples, each alone in its confidence bin (0.9, 0.75, 0.7, 0.62), hand-computed.
    func testECENLLAndBrierMatchHandComputedValues() {
        let probabilities: [[Float]] = [[0.9, 0.1], [0.75, 0.25], [0.3, 0.7], [0.62, 0.38]]
        let metrics = CalibrationMetrics(probabilities: probabilities, truth: [0, 1, 1, 0])
        // Correct, wrong, correct, correct: (|1 − 0.9| + |0 − 0.75| + |1 − 0.7| + |1 − 0.62|) / 4.
        XCTAssertEqual(metrics.expectedCalibrationError, 1.53 / 4, accuracy: 1e-6)
        XCTAssertEqual(metrics.negativeLogLikelihood, -(log(0.9) + log(0.25) + log(0.7) + log(0.62)) / 4, accuracy: 1e-6)
        XCTAssertEqual(metrics.brierScore, (0.02 + 1.125 + 0.18 + 0.2888) / 4, accuracy: 1e-6)
        XCTAssertEqual(metrics.bins.count, 15)
        XCTAssertEqual(metrics.bins.map(\.count), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0])
        XCTAssertEqual(metrics.bins[11].accuracy, 0)
        XCTAssertEqual(metrics.bins[11].meanConfidence, 0.75, accuracy: 1e-6)
    }

    func testAPerfectlyCalibratedBinHasNoError() {
        // Ten answers at 0.7 (bin 10), seven of them right.
        let probabilities = [[Float]](repeating: [0.7, 0.3], count: 10)
        let metrics = CalibrationMetrics(probabilities: probabilities, truth: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        XCTAssertEqual(metrics.expectedCalibrationError, 0, accuracy: 1e-6)
    }

    /// Labels drawn from softmax(z), logits reported as 4z: an over-confident model. The
    /// fitted temperature undoes the factor, and NLL and ECE both drop.
    func testTemperatureFitRepairsAnOverConfidentModel() {
        var generator = SeededGenerator(seed: 11)
        var logits: [[Float]] = [], truth: [Int] = []
        for _ in 0..<4000 {
            let z = (0..<3).map { _ in generator.nextUnitFloat() * 4 - 2 }
            let p = Calibration.probabilities(logits: [z], temperature: 1)[0]
            let draw = generator.nextUnitFloat()
            truth.append(draw < p[0] ? 0 : draw < p[0] + p[1] ? 1 : 2)
            logits.append(z.map { 4 * $0 })
        }
        let temperature = Calibration.fitTemperature(logits: logits, truth: truth)
        XCTAssertEqual(temperature, 4, accuracy: 0.4)
        let nllBefore = Calibration.negativeLogLikelihood(logits: logits, truth: truth, temperature: 1)
        let nllAfter = Calibration.negativeLogLikelihood(logits: logits, truth: truth, temperature: Double(temperature))
        XCTAssertLessThan(nllAfter, nllBefore - 0.3)
        let eceBefore = CalibrationMetrics(probabilities: Calibration.probabilities(logits: logits, temperature: 1), truth: truth)
        let eceAfter = CalibrationMetrics(probabilities: Calibration.probabilities(logits: logits, temperature: temperature), truth: truth)
        XCTAssertGreaterThan(eceBefore.expectedCalibrationError, 0.1)
        XCTAssertLessThan(eceAfter.expectedCalibrationError, 0.03)
        // Deterministic: the same data gives the same temperature to the bit.
        XCTAssertEqual(Calibration.fitTemperature(logits: logits, truth: truth), temperature)
    }

    /// Rows that hold two of three classes are fitted and scored over those two, as
    /// `eval` scores them: labels drawn from softmax over z_0 and z_2 alone, logits
    /// reported as 3z. Over all three classes the middle one, never right, would pull the
    /// fit elsewhere.
    func testRowsWithFewerClassesAreFittedOverTheirOwn() {
        var generator = SeededGenerator(seed: 5)
        var logits: [[Float]] = [], truth: [Int] = []
        for _ in 0..<3000 {
            let z = (0..<3).map { _ in generator.nextUnitFloat() * 4 - 2 }
            let positive = 1 / (1 + exp(z[0] - z[2]))
            truth.append(generator.nextUnitFloat() < positive ? 2 : 0)
            logits.append(z.map { 3 * $0 })
        }
        let fit = Recalibration(logits: logits, truth: truth, temperatureBefore: 1, withOffsets: false)
        XCTAssertEqual(fit.classesScored, [0, 2])
        let twoWay = logits.map { [$0[0], $0[2]] }, twoWayTruth = truth.map { $0 == 2 ? 1 : 0 }
        XCTAssertEqual(fit.temperature, Calibration.fitTemperature(logits: twoWay, truth: twoWayTruth))
        XCTAssertEqual(fit.temperature, 3, accuracy: 0.4)
        XCTAssertGreaterThan(abs(Calibration.fitTemperature(logits: logits, truth: truth) - fit.temperature), 0.3)
        let before = CalibrationMetrics(probabilities: Calibration.probabilities(logits: twoWay, temperature: 1), truth: twoWayTruth)
        let after = CalibrationMetrics(probabilities: Calibration.probabilities(logits: twoWay, temperature: fit.temperature),
                                       truth: twoWayTruth)
        XCTAssertEqual(fit.before.expectedCalibrationError, before.expectedCalibrationError)
        XCTAssertEqual(fit.after.negativeLogLikelihood, after.negativeLogLikelihood)
        XCTAssertLessThan(fit.after.expectedCalibrationError, 0.03)
        let argmaxOfTwo = zip(twoWay, twoWayTruth).filter { ($0[1] > $0[0] ? 1 : 0) == $1 }.count
        XCTAssertEqual(fit.accuracyBefore, Double(argmaxOfTwo) / Double(truth.count))
    }

    func testTheFittedTemperatureMinimizesTheNLL() {
        let logits: [[Float]] = [[2, 0], [1.5, 0.2], [0, 3], [0.4, 0.1], [-1, 1]]
        let truth = [0, 1, 1, 0, 0]
        let t = Double(Calibration.fitTemperature(logits: logits, truth: truth))
        let best = Calibration.negativeLogLikelihood(logits: logits, truth: truth, temperature: t)
        for nearby in [t * 0.97, t * 1.03] {
            XCTAssertLessThanOrEqual(best, Calibration.negativeLogLikelihood(logits: logits, truth: truth, temperature: nearby))
        }
    }

    /// Labels drawn from softmax(z + c) with a prior that favours class 0, logits reported
    /// as 2z: temperature and offsets fitted together find both, and beat temperature alone.
    func testOffsetsFitRecoversTheTemperatureAndAShiftedPrior() {
        var generator = SeededGenerator(seed: 5)
        let shift: [Float] = [0.8, -0.4, -0.4]
        var logits: [[Float]] = [], truth: [Int] = []
        for _ in 0..<6000 {
            let z = (0..<3).map { _ in generator.nextUnitFloat() * 4 - 2 }
            let p = Calibration.probabilities(logits: [z], temperature: 1, offsets: shift)[0]
            let draw = generator.nextUnitFloat()
            truth.append(draw < p[0] ? 0 : draw < p[0] + p[1] ? 1 : 2)
            logits.append(z.map { 2 * $0 })
        }
        let fit = Calibration.fitTemperatureAndOffsets(logits: logits, truth: truth)
        XCTAssertEqual(fit.temperature, 2, accuracy: 0.15)
        XCTAssertEqual(fit.offsets.count, 3)
        for (found, true_) in zip(fit.offsets, shift) { XCTAssertEqual(found, true_, accuracy: 0.12) }
        XCTAssertEqual(fit.offsets.reduce(0, +), 0, accuracy: 1e-4)
        let alone = Calibration.fitTemperature(logits: logits, truth: truth)
        XCTAssertLessThan(offsetNLL(logits, truth, fit.temperature, fit.offsets) + 0.02, offsetNLL(logits, truth, alone, [0, 0, 0]))
    }

    /// No nearby temperature or offsets give a lower NLL than the fit (every class moved
    /// alike changes nothing, so each offset is moved alone).
    func testTheFittedOffsetsMinimizeTheNLL() {
        let logits: [[Float]] = [[2, 0, 1], [1.5, 0.2, 0], [0, 3, 1], [0.4, 0.1, 0.2], [-1, 1, 2], [0.3, 0.3, 0], [1, 2, 3]]
        let truth = [0, 1, 1, 2, 0, 2, 1]
        let fit = Calibration.fitTemperatureAndOffsets(logits: logits, truth: truth)
        let best = offsetNLL(logits, truth, fit.temperature, fit.offsets)
        for factor: Float in [0.97, 1.03] {
            XCTAssertLessThanOrEqual(best, offsetNLL(logits, truth, fit.temperature * factor, fit.offsets) + 1e-9)
        }
        for k in 0..<3 {
            for delta: Float in [-0.02, 0.02] {
                var moved = fit.offsets
                moved[k] += delta
                XCTAssertLessThanOrEqual(best, offsetNLL(logits, truth, fit.temperature, moved) + 1e-9)
            }
        }
    }

    /// Rows the logits already separate: the NLL falls as T → 0 and as the offsets grow,
    /// so the fit must stop at the temperature range's edge with finite offsets.
    func testSeparableRowsGiveAFiniteFitInsideTheTemperatureRange() {
        let logits: [[Float]] = [[3, 0, 0], [0, 3, 0], [0, 0, 3], [2, 0, 1], [0, 2, 1], [1, 0, 2]]
        let truth = [0, 1, 2, 0, 1, 2]
        let fit = Calibration.fitTemperatureAndOffsets(logits: logits, truth: truth)
        XCTAssertEqual(fit.temperature, 1 / 20, accuracy: 1e-6)
        XCTAssertTrue(fit.offsets.allSatisfy { $0.isFinite && abs($0) < 100 }, "\(fit.offsets)")
        XCTAssertLessThanOrEqual(offsetNLL(logits, truth, fit.temperature, fit.offsets),
                                 offsetNLL(logits, truth, Calibration.fitTemperature(logits: logits, truth: truth), [0, 0, 0]) + 1e-9)
    }

    /// Rows all classified correctly cannot say how confident the model should be: the
    /// fit says so. One wrong row gives the NLL a minimum inside the range, and no warning.
    func testAFitOnRowsAllClassifiedCorrectlyIsFlagged() throws {
        let logits: [[Float]] = [[3, 0, 0], [0, 3, 0], [0, 0, 3], [2, 0, 1], [0, 2, 1], [1, 0, 2]]
        let separated = Recalibration(logits: logits, truth: [0, 1, 2, 0, 1, 2], temperatureBefore: 1, withOffsets: false)
        XCTAssertEqual(separated.temperature, 1 / 20, accuracy: 1e-6)
        XCTAssertEqual(separated.separatedRowsWarning, "all 6 rows the temperature was fitted on are classified correctly, so "
            + "they cannot tell how confident the model should be: the fit sharpened its probabilities as far as it goes "
            + "(T 0.050), and they will read near 0 and 1")
        let withOffsets = Recalibration(logits: logits, truth: [0, 1, 2, 0, 1, 2], temperatureBefore: 1, withOffsets: true)
        XCTAssertNotNil(withOffsets.separatedRowsWarning)
        let oneWrong = Recalibration(logits: logits, truth: [0, 1, 2, 0, 1, 0], temperatureBefore: 1, withOffsets: false)
        XCTAssertGreaterThan(oneWrong.temperature, 1 / 20 + 0.01)
        XCTAssertNil(oneWrong.separatedRowsWarning)
    }

    /// A recalibrated model file gives softmax(z / T + c) of the logits z of the model it
    /// came from: the offsets folded into fc.bias, the temperature and the fit in its card.
    func testRecalibrationIsStoredInTheModelFile() throws {
        let directory = try ModelFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try threeClassModel(in: directory)
        let texts = threeClassTexts
        let truth = [2, 0, 1, 2, 0, 1, 0, 1]
        let fit = Recalibration(model: model, texts: texts, truth: truth, withOffsets: true)
        XCTAssertNotNil(fit.offsets)
        XCTAssertLessThanOrEqual(fit.after.negativeLogLikelihood, fit.before.negativeLogLikelihood)
        let recalibrated = directory.appendingPathComponent("r.safetensors")
        try fit.file(of: model, data: "mine.tsv").write(to: recalibrated)
        let loaded = try SentimentModel.load(contentsOf: recalibrated)
        XCTAssertEqual(loaded.configuration.calibration?.data, "mine.tsv")
        XCTAssertEqual(loaded.configuration.calibration?.offsets, fit.offsets)
        XCTAssertEqual(loaded.configuration.temperature, fit.temperature)
        let logits = logitsOfEncoded(texts.map(model.encode), with: model.classifier)
        let expected = Calibration.probabilities(logits: logits, temperature: fit.temperature, offsets: fit.offsets!)
        for (got, want) in zip(loaded.probabilities(forTexts: texts), expected) {
            for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-5) }
        }
    }

    /// A refit keeps saying what fc.bias holds: after offsets, a temperature-only refit and
    /// another offset fit, each model's probabilities are softmax(z₀ / T + c) of the first
    /// model's logits z₀ with the T and c its card records.
    func testARefitCarriesTheOffsetsTheBiasAlreadyHolds() throws {
        let directory = try ModelFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = { (name: String) in directory.appendingPathComponent(name) }
        let original = try threeClassModel(in: directory)
        let texts = threeClassTexts
        let z0 = logitsOfEncoded(texts.map(original.encode), with: original.classifier)
        // Each fit on other labels, so that each moves the temperature.
        let fits: [(truth: [Int], withOffsets: Bool)] = [
            ([2, 0, 1, 2, 0, 1, 0, 1], true), ([2, 0, 1, 1, 0, 2, 0, 0], false), ([1, 0, 2, 2, 1, 1, 0, 2], true),
        ]
        var model = original, temperatures: [Float] = []
        for (step, (truth, withOffsets)) in fits.enumerated() {
            let fit = Recalibration(model: model, texts: texts, truth: truth, withOffsets: withOffsets)
            try fit.file(of: model, data: "fit\(step).tsv").write(to: url("\(step + 1)"))
            model = try SentimentModel.load(contentsOf: url("\(step + 1)"))
            temperatures.append(model.configuration.temperature)
            let recorded = try XCTUnwrap(model.configuration.calibration?.offsets, "fit \(step) keeps offsets on the card")
            XCTAssertEqual(recorded, fit.offsetsInBias)
            let expected = Calibration.probabilities(logits: z0, temperature: model.configuration.temperature, offsets: recorded)
            for (got, want) in zip(model.probabilities(forTexts: texts), expected) {
                for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-5, "fit \(step)") }
            }
        }
        XCTAssertEqual(Set(temperatures).count, 3, "every fit moved the temperature")
    }

    /// The texts the three-class model of `threeClassModel` is fitted on.
    private let threeClassTexts = ["good", "bad", "fine", "good good", "bad fine", "fine good", "bad bad", "good fine bad"]

    /// A small untrained negative/neutral/positive model (seed 3), written to `directory`
    /// and loaded as every command loads a model.
    private func threeClassModel(in directory: URL) throws -> SentimentModel {
        let config = ClassifierConfig(vocabularySize: 5, embeddingDim: 4, hiddenSize: 3, layers: 1, classCount: 3, dropout: 0,
                                      pooling: .max)
        let configuration = ModelConfiguration(classifier: config, maxLength: nil, tokenizer: TokenizerOptions(),
                                               storage: .float32, training: nil)
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good", "bad", "fine"], counts: [0, 0, 3, 2, 1])
        let url = directory.appendingPathComponent("three-classes.safetensors")
        try SentimentModelFile(classifier: Classifier(config: config, seed: 3), configuration: configuration,
                               labels: ["negative", "neutral", "positive"], vocabulary: vocabulary).write(to: url)
        return try SentimentModel.load(contentsOf: url)
    }

    /// Mean −log softmax(z / T + c)_y.
    private func offsetNLL(_ logits: [[Float]], _ truth: [Int], _ temperature: Float, _ offsets: [Float]) -> Double {
        let p = Calibration.probabilities(logits: logits, temperature: temperature, offsets: offsets)
        return zip(p, truth).reduce(0) { $0 - log(Double($1.0[$1.1])) } / Double(truth.count)
    }

    /// A model file's temperature is applied to every probability it gives: with zero
    /// output weights and bias (0, ln 4) the answer is (0.2, 0.8) at T = 1 and
    /// softmax(0, ln 4 / 2) = (1/3, 2/3) at T = 2.
    func testTheStoredTemperatureIsAppliedOnLoad() throws {
        let config = ClassifierConfig(vocabularySize: 3, embeddingDim: 2, hiddenSize: 2, layers: 1, classCount: 2, dropout: 0,
                                      pooling: .last)
        let classifier = Classifier(config: config, seed: 1)
        classifier.parameter(named: "fc.weight")!.value = [0, 0, 0, 0, 0, 0, 0, 0]
        classifier.parameter(named: "fc.bias")!.value = [0, Float(log(4.0))]
        var configuration = ModelConfiguration(classifier: config, maxLength: nil, tokenizer: TokenizerOptions(),
                                               storage: .float32, training: nil)
        let vocabulary = Vocabulary(tokens: ["<pad>", "<unk>", "good"], counts: [0, 0, 1])
        let directory = try ModelFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (temperature, expected) in [(nil, [Float(0.2), 0.8]), (Float(2), [1 / 3, 2 / 3])] as [(Float?, [Float])] {
            configuration.calibration = temperature.map {
                CalibrationRecord(temperature: $0, devRows: 10, devECEBefore: 0.2, devECEAfter: 0.05, devNLLBefore: 0.9, devNLLAfter: 0.6)
            }
            let url = directory.appendingPathComponent("t.safetensors")
            try SentimentModelFile(classifier: classifier, configuration: configuration, labels: ["negative", "positive"],
                                   vocabulary: vocabulary).write(to: url)
            let model = try SentimentModel.load(contentsOf: url)
            XCTAssertEqual(model.configuration.calibration?.temperature, temperature)
            let probabilities = model.probabilities(forTexts: ["good"])[0]
            XCTAssertEqual(probabilities[0], expected[0], accuracy: 1e-6)
            XCTAssertEqual(probabilities[1], expected[1], accuracy: 1e-6)
        }
    }
}
