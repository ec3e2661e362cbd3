import Foundation

/// A model's confidence fitted on labeled rows: after training on its dev set (temperature
/// alone), or by `sentiment calibrate` on the user's own domain, where a new temperature
/// may come with per-class offsets (`Calibration.fitTemperatureAndOffsets`)
/// that are folded into the output layer's bias, so the model file keeps its format and
/// every command reads the result as any other model. The weights that make the
/// logits stay as they are.
///
/// Before and after are measured on the same rows: the fit's own, so "after" is in-sample.
///
/// Rows that hold only some of the model's classes (SST-2's negative and positive for a
/// three-way model) are fitted and scored over those classes, softmax over their logits
/// alone: what `eval` measures on the same file, and what `--classes` prints. Over every
/// class, a class the rows never hold is always wrong, so the fit would chase its
/// probability instead of the confidence of the decisions the rows can check.
public struct Recalibration {
    /// The model's temperature as loaded, and the one fitted.
    public let temperatureBefore: Float
    public let temperature: Float
    /// c of softmax(z / T + c), one per class; nil when only the temperature was fitted.
    public let offsets: [Float]?
    /// The offsets the model's card says its fc.bias already held (an earlier fit's, at
    /// `temperatureBefore`); nil: none.
    public let offsetsBefore: [Float]?
    public let rows: Int
    public let before: CalibrationMetrics
    public let after: CalibrationMetrics
    /// Fraction of rows whose most probable class is the true one, before and after (they
    /// differ only when offsets move a decision).
    public let accuracyBefore: Double
    public let accuracyAfter: Double
    /// The classes fitted and scored over (ascending indices), when the rows hold fewer
    /// than the model's and at least two (`ClassificationMetrics.classesPresent`); nil:
    /// every class. Never set with offsets, which need every class.
    public let classesScored: [Int]?

    /// Fits on `texts` with their class indices `truth` (every class present when
    /// `withOffsets`), from the model as loaded.
    public init(model: SentimentModel, texts: [String], truth: [Int], withOffsets: Bool) {
        self.init(logits: logitsOfEncoded(encodeInParallel(texts, encode: model.encode), with: model.classifier),
                  truth: truth, temperatureBefore: model.configuration.temperature, withOffsets: withOffsets,
                  offsetsBefore: model.configuration.calibration?.offsets)
    }

    /// Fits on uncalibrated logits (`logitsOfEncoded`) with their class indices; "before"
    /// is softmax(z / `temperatureBefore`) (training's first fit: 1). `offsetsBefore`: those
    /// the logits' bias already holds (an earlier fit's), carried into the record.
    init(logits: [[Float]], truth: [Int], temperatureBefore: Float, withOffsets: Bool, offsetsBefore: [Float]? = nil) {
        precondition(logits.count == truth.count && !logits.isEmpty, "one class index per row of logits, at least one row")
        self.temperatureBefore = temperatureBefore
        self.offsetsBefore = offsetsBefore
        var logits = logits, truth = truth
        classesScored = withOffsets ? nil : ClassificationMetrics.classesPresent(in: truth, of: logits[0].count)
        if let present = classesScored {
            (logits, truth) = ClassificationMetrics.restrict(logits, truth: truth, to: present)
        }
        if withOffsets {
            let fit = Calibration.fitTemperatureAndOffsets(logits: logits, truth: truth)
            (temperature, offsets) = (fit.temperature, fit.offsets)
        } else {
            (temperature, offsets) = (Calibration.fitTemperature(logits: logits, truth: truth), nil)
        }
        rows = logits.count
        let was = Calibration.probabilities(logits: logits, temperature: temperatureBefore)
        let now = Calibration.probabilities(logits: logits, temperature: temperature, offsets: offsets ?? [])
        before = CalibrationMetrics(probabilities: was, truth: truth)
        after = CalibrationMetrics(probabilities: now, truth: truth)
        func accuracy(_ probabilities: [[Float]]) -> Double {
            Double(zip(argmaxRows(probabilities), truth).filter { $0 == $1 }.count) / Double(truth.count)
        }
        accuracyBefore = accuracy(was)
        accuracyAfter = accuracy(now)
    }

    /// Why the fitted confidence cannot be trusted, or nil. When every row's most probable
    /// class is already the true one, the NLL keeps falling as T shrinks: the fit only
    /// stops at the edge of its search (T = 0.05; with offsets, where a step stops
    /// paying), and every probability the model then prints is near 0 or 1, whatever the
    /// text. Few or easy rows do that; the callers name the remedy.
    public var separatedRowsWarning: String? {
        guard accuracyAfter == 1, temperature < 1 else { return nil }
        return "all \(rows) rows the temperature was fitted on are classified correctly, so they cannot tell how "
            + "confident the model should be: the fit sharpened its probabilities as far as it goes "
            + "(T \(String(format: "%.3f", temperature))), and they will read near 0 and 1"
    }

    /// All the offsets fc.bias holds after this fit, as c of softmax(z₀ / T + c) over the
    /// logits z₀ of the bias without any: an earlier fit's c′ (raising the bias by c′T′)
    /// reads as c′T′ / T at the new temperature, and this fit's own are added. nil: none.
    /// Without the carry, a temperature-only refit of a model with offsets (the default
    /// model) would leave a card that no longer says its decisions are moved.
    public var offsetsInBias: [Float]? {
        let carried = offsetsBefore.map { $0.map { $0 * temperatureBefore / temperature } }
        switch (carried, offsets) {
        case let (carried?, fitted?): return zip(carried, fitted).map(+)
        case let (carried?, nil): return carried
        case let (nil, fitted): return fitted
        }
    }

    /// What the model card keeps of this fit; `data` names the file it was fitted on (nil:
    /// training's dev set).
    func record(data: String?) -> CalibrationRecord {
        CalibrationRecord(
            temperature: temperature, devRows: rows,
            devECEBefore: before.expectedCalibrationError, devECEAfter: after.expectedCalibrationError,
            devNLLBefore: before.negativeLogLikelihood, devNLLAfter: after.negativeLogLikelihood,
            data: data, offsets: offsetsInBias)
    }

    /// `model` with this calibration: its card's `calibration` names `data` (the file as the
    /// user gave it) and the fit; `fc.bias` holds the offsets (b_k + c_k T, so that
    /// softmax((z + c T) / T) = softmax(z / T + c)).
    public func file(of model: SentimentModel, data: String) -> SentimentModelFile {
        var configuration = model.configuration
        configuration.calibration = record(data: data)
        var file = SentimentModelFile(
            classifier: model.classifier, configuration: configuration, labels: model.labels, vocabulary: model.vocabulary)
        if let offsets, let index = file.tensors.firstIndex(where: { $0.name == "fc.bias" }) {
            let bias = zip(file.tensors[index].values, offsets).map { $0 + $1 * temperature }
            file.tensors[index] = SafetensorsTensor(
                name: "fc.bias", storage: configuration.storage, shape: [bias.count], values: bias)
        }
        return file
    }
}
