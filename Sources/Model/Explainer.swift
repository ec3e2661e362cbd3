import NN
import Text
import Vocabulary

/// Computes `Explanation`s with a model's own forward and backward passes.
///
/// Integrated gradients (Sundararajan et al. 2017) with the all-zero embedding as the
/// baseline: attribution_t = e_t · ∫₀¹ ∂z_c(α·e)/∂x_t dα, the integral by Gauss–Legendre
/// quadrature. Every quadrature point, the text itself and the baseline run as one batch
/// of `steps + 2` copies of the text: one forward and one backward pass in all. The gate
/// traces come from the same forward pass, from the copy at α = 1 (the text itself).
///
/// Max pooling (and ReLU-like kinks anywhere) make the integrand jump where the argmax
/// changes along the path, and no quadrature converges fast across a jump. So when the
/// completeness gap is above `tolerance`, the node count doubles (one batch each time)
/// up to `maxSteps`; `Explanation.steps` says how many were used.
public struct Explainer {
    public let model: SentimentModel
    /// Quadrature nodes of the first try (≥ 1; `explain` asks for at least 32).
    public let steps: Int
    /// The most nodes a refinement may reach.
    public let maxSteps: Int
    /// The completeness gap (see `Explanation.completenessError`) that stops refinement.
    public let tolerance: Double
    /// The most tokens one refinement batch may hold ((nodes + 2) copies of the text), so
    /// a long text refines less far; nil for no limit. The first try always runs.
    public let maxBatchTokens: Int?
    /// `explain`'s `maxBatchTokens`: a 400-token text refines up to 128 nodes (about
    /// 0.8 GB), not 512.
    public static let refinementTokenCap = 65_536

    public init(model: SentimentModel, steps: Int = 32, maxSteps: Int? = nil, tolerance: Double = 0.01,
                maxBatchTokens: Int? = nil) {
        precondition(steps >= 1, "at least one step")
        self.model = model
        self.steps = steps
        self.maxSteps = max(steps, maxSteps ?? 16 * steps)
        self.tolerance = tolerance
        self.maxBatchTokens = maxBatchTokens
    }

    /// Explains `text`, for class `classIndex` (default: the predicted class). With
    /// `units`, the gate traces carry every hidden unit's values too.
    public func explain(_ text: String, classIndex: Int? = nil, units: Bool = false) -> Explanation {
        let classifier = model.classifier
        let e = classifier.config.embeddingDim
        let reading = model.encoder.reading(text)
        let spans = model.encoder.tokenizer.tokenSpans(in: text)
        // One token per position the model read: an emoji read as its name gives each
        // word of it the emoji's span; a stretched word or an emoticon read by family shows
        // the spelling read for it.
        var kept = reading.positions.map { position in
            TokenSpan(token: position.nameWord ?? position.spelling ?? spans[position.token].token,
                      range: spans[position.token].range)
        }
        var emoji = reading.positions.map { $0.nameWord == nil ? nil : spans[$0.token].token }
        var written = reading.positions.map { $0.spelling == nil ? nil : spans[$0.token].token }
        var ids = reading.ids
        if ids.isEmpty {
            (ids, kept, emoji, written) = ([Vocabulary.unknownID], [TokenSpan(token: "<unk>", range: nil)], [nil], [nil])
        }
        var vectors = [Float](repeating: 0, count: ids.count * e)
        vectors.withUnsafeMutableBufferPointer { output in
            ids.withUnsafeBufferPointer { classifier.embedding.forward(output: output.baseAddress!, tokens: $0.baseAddress!, count: ids.count) }
        }
        // The prediction first: it picks the class to explain when none was asked for.
        let probabilities = classifier.probabilities(PaddedBatch(sequences: [ids]))
        let predicted = argmax(probabilities)
        let explained = classIndex ?? predicted
        var steps = self.steps
        var path = integrate(vectors, length: ids.count, classIndex: explained, steps: steps)
        while path.completenessError > tolerance && 2 * steps <= maxSteps
                && (maxBatchTokens.map { (2 * steps + 2) * ids.count <= $0 } ?? true) {
            steps *= 2
            path = integrate(vectors, length: ids.count, classIndex: explained, steps: steps)
        }
        return Explanation(
            text: text, tokens: kept, unknown: ids.map { $0 == Vocabulary.unknownID },
            emoji: emoji, written: written, truncated: reading.truncated, labels: model.labels,
            probabilities: probabilities, predictedClass: predicted, explainedClass: explained,
            attributions: path.attributions, logit: path.logit, baselineLogit: path.baselineLogit,
            completenessError: path.completenessError, steps: steps, cell: classifier.config.cell,
            gates: gateTraces(textRow: steps, batchSize: steps + 2, length: ids.count, units: units))
    }

    /// One quadrature of the path integral with `steps` nodes, for the text's embedded
    /// `vectors` (T, E): one batch, one forward and one backward pass.
    private func integrate(_ vectors: [Float], length t: Int, classIndex: Int, steps m: Int)
        -> (attributions: [Float], logit: Float, baselineLogit: Float, completenessError: Double)
    {
        let classifier = model.classifier
        let e = classifier.config.embeddingDim, k = classifier.config.classCount
        // One batch: rows 0..<m at the quadrature points, row m the text, row m+1 the baseline.
        let (nodes, weights) = GaussLegendre.unitInterval(nodes: m)
        let b = m + 2
        var inputs = [Float](repeating: 0, count: b * t * e)
        for row in 0...m {
            let alpha = row < m ? Float(nodes[row]) : 1
            for i in 0..<(t * e) { inputs[row * t * e + i] = alpha * vectors[i] }
        }
        let outputWeights = weights.map(Float.init) + [0, 0]
        let (logits, gradient) = classifier.logitGradient(inputs: inputs, batchSize: b, length: t,
                                                          classIndex: classIndex, outputWeights: outputWeights)
        // The node weights are already in `gradient` (they scale the summed logit).
        var attributions = [Float](repeating: 0, count: t)
        for time in 0..<t {
            var sum: Double = 0
            for row in 0..<m {
                for j in 0..<e {
                    sum += Double(vectors[time * e + j]) * Double(gradient[(row * t + time) * e + j])
                }
            }
            attributions[time] = Float(sum)
        }
        let logit = logits[m * k + classIndex], baseline = logits[(m + 1) * k + classIndex]
        let total = attributions.reduce(0.0) { $0 + Double($1) }
        let mass = attributions.reduce(0.0) { $0 + abs(Double($1)) }
        let difference = Double(logit) - Double(baseline)
        let completeness = abs(total - difference) / max(abs(difference), mass, 1e-6)
        return (attributions, logit, baseline, completeness)
    }

    /// The traces of the batch row `textRow` from the latest forward pass.
    private func gateTraces(textRow: Int, batchSize b: Int, length t: Int, units: Bool) -> [GateTraceSeries] {
        let encoder = model.classifier.encoder
        let h = encoder.hiddenSize, w = encoder.outputWidth
        var series: [GateTraceSeries] = []
        for (layer, directions) in encoder.layers.enumerated() {
            let output = encoder.output(ofLayer: layer)
            for (index, direction) in directions.enumerated() {
                let rows = (0..<t).map { $0 * b + textRow }
                let traces = rows.map { direction.gateTrace(row: $0) }
                let hidden = rows.map { Array(UnsafeBufferPointer(start: output + $0 * w + index * h, count: h)) }
                func mean(_ values: KeyPath<GateTrace, [Float]?>) -> [Float]? {
                    guard traces.first?[keyPath: values] != nil else { return nil }
                    return traces.map { trace in trace[keyPath: values]!.reduce(0, +) / Float(h) }
                }
                func perUnit(_ values: KeyPath<GateTrace, [Float]?>) -> [[Float]]? {
                    guard traces.first?[keyPath: values] != nil else { return nil }
                    return traces.map { $0[keyPath: values]! }
                }
                let cells = perUnit(\.cell)
                series.append(GateTraceSeries(
                    layer: layer, direction: index == 0 ? "forward" : "reverse",
                    input: mean(\.input), forget: mean(\.forget), output: mean(\.output),
                    reset: mean(\.reset), update: mean(\.update),
                    cellNorm: cells?.map(norm), hiddenNorm: hidden.map(norm),
                    units: units ? GateUnits(input: perUnit(\.input), forget: perUnit(\.forget),
                                             output: perUnit(\.output), reset: perUnit(\.reset),
                                             update: perUnit(\.update), cell: cells, hidden: hidden) : nil))
            }
        }
        return series
    }
}

private func norm(_ values: [Float]) -> Float {
    values.reduce(0) { $0 + $1 * $1 }.squareRoot()
}
