import NN

/// How the gradient reaching a recurrent hidden state shrinks (or grows) with the number
/// of steps between that state and the step where the loss enters: the vanishing-gradient
/// measurement of the LSTM literature, on a real model and real texts.
///
/// For each text the loss (cross-entropy against its label, no dropout) enters the first
/// layer's forward direction at the text's last token (with `last` pooling, only there);
/// distance k = (length − 1) − t. The profile is the mean of ‖∂L/∂h_t‖ over every text
/// long enough to have a step at distance k. With max or mean pooling the loss also
/// enters at other steps, so the curve mixes distances; forward-only, `last`-pooled
/// models give the clean picture.
public struct StateGradientProfile: Sendable, Equatable {
    /// [k] mean ‖∂L/∂h_t‖ at distance k from the last token.
    public var meanNorm: [Double]
    /// [k] how many texts contributed at distance k.
    public var count: [Int]

    /// Measures the profile of `classifier`'s first layer, forward direction, on `texts`
    /// (token ids) with `labels` (class indices), in batches of `batchSize`.
    /// The classifier's gradients are zeroed afterwards.
    public static func measure(_ classifier: Classifier, texts: [[Int32]], labels: [Int],
                               batchSize: Int = 64) -> StateGradientProfile {
        precondition(texts.count == labels.count && !texts.isEmpty, "one label per text, at least one text")
        // Dropout off: a copy of the network with the same weights.
        var config = classifier.config
        config.dropout = 0
        var weights: [String: [Float]] = [:]
        for parameter in classifier.parameters { weights[parameter.name] = parameter.value }
        let network = Classifier(config: config, weights: weights)
        let direction = network.encoder.layers[0][0]
        let recorder = StateGradientRecorder()
        direction.stateGradientRecorder = recorder
        let longest = texts.map(\.count).max() ?? 1
        var sums = [Double](repeating: 0, count: longest), counts = [Int](repeating: 0, count: longest)
        var generator = SeededGenerator(seed: 0)
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let end = min(start + batchSize, texts.count)
            let sequences = texts[start..<end].map { $0.isEmpty ? [Int32(1)] : $0 }
            let batch = PaddedBatch(sequences: Array(sequences))
            // The loss is the batch mean; × rows gives each text's gradient as if it were alone.
            let rows = end - start
            _ = network.trainStep(batch, labels: Array(labels[start..<end]), classWeights: nil, generator: &generator)
            let layout = PackedLayout(lengths: batch.lengths)
            for b in 0..<layout.batchSize {
                let length = layout.sortedLengths[b]
                for t in 0..<length {
                    let k = length - 1 - t
                    sums[k] += Double(recorder.norms[layout.offsets[t] + b]) * Double(rows)
                    counts[k] += 1
                }
            }
            network.zeroGradients()
        }
        return StateGradientProfile(meanNorm: zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }, count: counts)
    }
}
