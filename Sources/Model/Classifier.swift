import NN
import Tensor

/// The sentiment classifier: Embedding(V, E) → recurrent encoder (LSTM, peephole LSTM,
/// GRU or RNN; E, H, L layers, D directions) → pool → dropout → Linear(W, K) → softmax.
///
/// Dimension letters: B batch, T longest length, N real tokens in the batch, V vocabulary,
/// E embedding, H hidden per direction, D directions, W = D·H, K classes.
///
/// Inside, a batch is sorted by length and packed (`PackedLayout`), so padding is never
/// computed; results come back in the caller's order. Workspaces are kept between calls
/// and grow to the largest batch seen, so an instance is not reentrant: use one per thread.
/// BLAS is pinned to one thread and the two recurrent directions run on two cores, each into
/// its own buffers; with that, the same seed and the same batches give bit-identical
/// weights on every run on the same kind of CPU (the element-wise kernels are chosen per
/// instruction set, and AVX-512, AVX2 and baseline builds round differently).
public final class Classifier {
    public let config: ClassifierConfig
    /// (V, E) `embedding.weight`.
    public let embedding: Embedding
    /// `lstm.*` (LSTM, peephole), `gru.*` or `rnn.*` parameters.
    public let encoder: RecurrentEncoder
    /// (K, W) `fc.weight` and (K) `fc.bias`.
    public let fc: Linear
    /// Every parameter, in PyTorch's `state_dict()` order for the equivalent module.
    public let parameters: [Parameter]
    private let parametersByName: [String: Parameter]
    /// T of the calibrated softmax: `probabilities` are softmax(z / T). 1 (plain softmax)
    /// unless the model file holds a fitted temperature; training never uses it.
    public var temperature: Float = 1

    /// (N) token ids in packed order.
    private var packedTokens: [Int32] = []
    /// (R) each distinct token id of the batch once, in order of first use, and (N) the
    /// row of it each packed token reads: the encoder's first layer projects each
    /// distinct token once (see `RecurrentInput`).
    private let distinctTokens: FirstUseOrder
    private var rowOfToken: [Int32] = []
    /// Whether the latest forward read `embedded` as R distinct rows (from token ids) or
    /// as N packed rows (input vectors given by `logitGradient`).
    private var readsDistinctRows = false
    /// (R, E) the embedded distinct tokens, or (N, E) packed input vectors.
    private var embedded: [Float] = []
    /// (B, W) pooled encoder outputs, sorted order.
    private var pooled: [Float] = []
    /// (B, W) packed row of each max (max pooling only).
    private var poolArgmax: [Int32] = []
    /// (B, W) pooled after dropout, and its mask (training only).
    private var dropped: [Float] = []
    private var dropoutMask: [Float] = []
    /// (B, K) logits and softmax, sorted order.
    private var logits: [Float] = []
    private var softmax: [Float] = []
    /// Backward workspaces: (B, K), (B, W), (B, W), (N, W), (R or N, E).
    private var logitsGradient: [Float] = []
    private var droppedGradient: [Float] = []
    private var pooledGradient: [Float] = []
    /// Zero between backward passes: pooling adds into it, and once the encoder has read
    /// it the same places are zeroed again (`SequencePooling.clear…`), so no batch clears
    /// the whole (N, W) buffer first.
    private var encoderOutputGradient: [Float] = []
    private var embeddedGradient: [Float] = []
    private var usedDropout = false

    /// A freshly initialized classifier (PyTorch's initializations, drawn from `seed`).
    /// `config` must be valid (see `ClassifierConfig.validate()`).
    public convenience init(config: ClassifierConfig, seed: UInt64) {
        self.init(config: config, initialization: .pytorchDefault, seed: seed)
    }

    /// A classifier holding `weights` (state-dict name → values, as read from a model
    /// file), without first drawing random weights that would be overwritten. Tensors
    /// not named keep zeros; values of the wrong size are ignored (the file reader has
    /// checked every shape).
    public convenience init(config: ClassifierConfig, weights: [String: [Float]]) {
        self.init(config: config, initialization: .zeros, seed: 0)
        for parameter in parameters {
            if let values = weights[parameter.name], values.count == parameter.count {
                parameter.value = values
            }
        }
    }

    private init(config: ClassifierConfig, initialization: Initialization, seed: UInt64) {
        precondition((try? config.validate()) != nil, "invalid classifier config \(config)")
        BLASSetup.prepare()
        self.config = config
        var generator = SeededGenerator(seed: seed)
        embedding = Embedding(vocabularySize: config.vocabularySize, dimension: config.embeddingDim,
                              initialization: initialization, generator: &generator)
        encoder = RecurrentEncoder(kind: config.cell, inputSize: config.embeddingDim, hiddenSize: config.hiddenSize,
                                   layerCount: config.layers, directionCount: config.directions,
                                   dropout: config.dropout, initialization: initialization, generator: &generator)
        fc = Linear(inputSize: config.featureWidth, outputSize: config.classCount,
                    initialization: initialization, generator: &generator)
        distinctTokens = FirstUseOrder(capacity: config.vocabularySize)
        parameters = [embedding.weight] + encoder.parameters + fc.parameters
        parametersByName = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
    }

    /// The parameter with this state-dict name, if any.
    public func parameter(named name: String) -> Parameter? {
        parametersByName[name]
    }

    /// Class probabilities (B, K), row-major in the batch's order, in evaluation mode
    /// (no dropout): softmax(z / `temperature`).
    public func probabilities(_ batch: PaddedBatch) -> [Float] {
        var unused = SeededGenerator(seed: 0)
        let layout = forward(batch, pass: .inference, generator: &unused)
        let k = config.classCount, rows = batch.batchSize
        if temperature != 1 {
            for i in 0..<(rows * k) { logits[i] /= temperature }
        }
        computeSoftmax(rows: rows)
        return inCallerOrder(softmax, layout: layout, rows: rows)
    }

    /// Logits z (B, K), row-major in the batch's order, in evaluation mode (no dropout,
    /// no temperature): what calibration fits its temperature on.
    public func uncalibratedLogits(_ batch: PaddedBatch) -> [Float] {
        var unused = SeededGenerator(seed: 0)
        let layout = forward(batch, pass: .inference, generator: &unused)
        return inCallerOrder(logits, layout: layout, rows: batch.batchSize)
    }

    /// (B, K) rows of a sorted-order buffer, put back in the caller's order.
    private func inCallerOrder(_ sorted: [Float], layout: PackedLayout, rows: Int) -> [Float] {
        let k = config.classCount
        var result = [Float](repeating: 0, count: rows * k)
        for b in 0..<rows {
            for j in 0..<k { result[layout.order[b] * k + j] = sorted[b * k + j] }
        }
        return result
    }

    /// Mean (or class-weighted mean) cross-entropy in evaluation mode, without backward.
    public func loss(_ batch: PaddedBatch, labels: [Int], classWeights: [Float]? = nil) -> Float {
        precondition(labels.count == batch.batchSize, "\(labels.count) labels for \(batch.batchSize) texts")
        var unused = SeededGenerator(seed: 0)
        let layout = forward(batch, pass: .inference, generator: &unused)
        return logits.withUnsafeBufferPointer {
            SoftmaxCrossEntropy.loss(logits: $0.baseAddress!, labels: labels, rowOrder: layout.order,
                                     classWeights: classWeights, rows: batch.batchSize, classes: config.classCount)
        }
    }

    /// Forward with dropout, mean softmax cross-entropy (PyTorch's weighted mean if
    /// `classWeights`), backward; gradients accumulate (`+=`). Returns the loss.
    ///
    /// - Parameters:
    ///   - labels: (B) class index of each text, in the batch's order.
    ///   - classWeights: (K) optional weight per class.
    ///   - generator: draws the dropout masks.
    public func trainStep(_ batch: PaddedBatch, labels: [Int], classWeights: [Float]?,
                          generator: inout SeededGenerator) -> Float {
        precondition(labels.count == batch.batchSize, "\(labels.count) labels for \(batch.batchSize) texts")
        precondition(classWeights == nil || classWeights!.count == config.classCount, "one class weight per class")
        let layout = forward(batch, pass: .training, generator: &generator)
        let rows = batch.batchSize, k = config.classCount
        computeSoftmax(rows: rows)
        let loss = logits.withUnsafeBufferPointer {
            SoftmaxCrossEntropy.loss(logits: $0.baseAddress!, labels: labels, rowOrder: layout.order,
                                     classWeights: classWeights, rows: rows, classes: k)
        }
        ensureCapacity(&logitsGradient, rows * k)
        logitsGradient.withUnsafeMutableBufferPointer { dLogits in
            softmax.withUnsafeBufferPointer { p in
                SoftmaxCrossEntropy.backward(logitsGradient: dLogits.baseAddress!, probabilities: p.baseAddress!,
                                             labels: labels, rowOrder: layout.order, classWeights: classWeights,
                                             rows: rows, classes: k)
            }
        }
        backwardToEmbeddings(layout: layout, rows: rows)
        embeddedGradient.withUnsafeBufferPointer { dEmbedded in
            distinctTokens.indices.withUnsafeBufferPointer { tokens in
                embedding.backward(outputGradient: dEmbedded.baseAddress!, tokens: tokens.baseAddress!,
                                   count: tokens.count)
            }
        }
        return loss
    }

    /// Backward from `logitsGradient` (B, K) through Linear, dropout, pooling and the
    /// encoder to `embeddedGradient` (a row per row of `embedded`); parameter gradients
    /// accumulate on the way.
    private func backwardToEmbeddings(layout: PackedLayout, rows: Int) {
        let w = config.featureWidth, n = layout.tokenCount, e = config.embeddingDim
        let inputRows = readsDistinctRows ? distinctTokens.indices.count : n
        ensureCapacity(&droppedGradient, rows * w)
        ensureCapacity(&pooledGradient, rows * w)
        ensureCapacity(&encoderOutputGradient, n * w)
        ensureCapacity(&embeddedGradient, inputRows * e)
        // Linear, then dropout, back to the pooled vector.
        let fcInput = usedDropout ? dropped : pooled
        fcInput.withUnsafeBufferPointer { input in
            logitsGradient.withUnsafeBufferPointer { dLogits in
                droppedGradient.withUnsafeMutableBufferPointer { dDropped in
                    fc.backward(inputGradient: dDropped.baseAddress!, outputGradient: dLogits.baseAddress!,
                                input: input.baseAddress!, rows: rows)
                }
            }
        }
        pooledGradient.withUnsafeMutableBufferPointer { dPooled in
            droppedGradient.withUnsafeBufferPointer { dDropped in
                if usedDropout {
                    dropoutMask.withUnsafeBufferPointer { mask in
                        Dropout.backward(inputGradient: dPooled.baseAddress!, outputGradient: dDropped.baseAddress!,
                                         mask: mask.baseAddress!, count: rows * w)
                    }
                } else {
                    dPooled.baseAddress!.update(from: dDropped.baseAddress!, count: rows * w)
                }
            }
        }
        // Pooling back to every packed position it read.
        encoderOutputGradient.withUnsafeMutableBufferPointer { dOutputBuffer in
            let dOutput = dOutputBuffer.baseAddress!
            pooledGradient.withUnsafeBufferPointer { dPooledBuffer in
                let dPooled = dPooledBuffer.baseAddress!
                switch config.pooling {
                case .last:
                    SequencePooling.lastBackward(outputGradient: dOutput, pooledGradient: dPooled, layout: layout,
                                                 hiddenSize: config.hiddenSize, directions: config.directions)
                case .max:
                    poolArgmax.withUnsafeBufferPointer { argmax in
                        SequencePooling.maxBackward(outputGradient: dOutput, pooledGradient: dPooled,
                                                    argmax: argmax.baseAddress!, batchSize: rows, width: w)
                    }
                case .mean:
                    SequencePooling.meanBackward(outputGradient: dOutput, pooledGradient: dPooled, layout: layout,
                                                 width: w)
                }
            }
            embeddedGradient.withUnsafeMutableBufferPointer { dEmbedded in
                withEncoderInput(layout: layout) { input in
                    encoder.backward(inputGradient: dEmbedded.baseAddress!, outputGradient: dOutput,
                                     input: input, layout: layout)
                }
            }
            switch config.pooling {
            case .last:
                SequencePooling.clearLastBackward(outputGradient: dOutput, layout: layout,
                                                  hiddenSize: config.hiddenSize, directions: config.directions)
            case .max:
                poolArgmax.withUnsafeBufferPointer { argmax in
                    SequencePooling.clearMaxBackward(outputGradient: dOutput, argmax: argmax.baseAddress!,
                                                     batchSize: rows, width: w)
                }
            case .mean:
                dOutput.update(repeating: 0, count: n * w)
            }
        }
    }

    /// For attributions (`explain`): B texts of one length T given as input vectors
    /// (B, T, E) instead of token ids, in evaluation mode. Returns the logits z (B, K) and
    /// the gradient of Σ_b w_b·z_b[classIndex] with respect to every input vector (B, T, E).
    /// All B texts run as one batch, so the forward and backward passes are one each.
    /// Parameter gradients are zeroed afterwards. With equal lengths the packed row of
    /// text b at time t is t·B + b, which `encoder`'s gate traces use.
    ///
    /// - Parameters:
    ///   - outputWeights: (B) w, e.g. the quadrature weights of integrated gradients.
    public func logitGradient(inputs: [Float], batchSize b: Int, length t: Int, classIndex: Int,
                              outputWeights: [Float]) -> (logits: [Float], inputGradient: [Float]) {
        let e = config.embeddingDim, k = config.classCount, n = b * t
        precondition(inputs.count == n * e && outputWeights.count == b && (0..<k).contains(classIndex),
                     "inputs (B, T, E), one weight per text, a valid class")
        let layout = PackedLayout(lengths: [Int](repeating: t, count: b))
        readsDistinctRows = false
        ensureCapacity(&embedded, n * e)
        for text in 0..<b {
            for time in 0..<t {
                for j in 0..<e { embedded[(time * b + text) * e + j] = inputs[(text * t + time) * e + j] }
            }
        }
        var unused = SeededGenerator(seed: 0)
        forwardFromEmbeddings(layout: layout, rows: b, pass: .evaluation, generator: &unused)
        let z = Array(logits[0..<(b * k)])
        ensureCapacity(&logitsGradient, b * k)
        for i in 0..<(b * k) { logitsGradient[i] = 0 }
        for text in 0..<b { logitsGradient[text * k + classIndex] = outputWeights[text] }
        backwardToEmbeddings(layout: layout, rows: b)
        var gradient = [Float](repeating: 0, count: n * e)
        for text in 0..<b {
            for time in 0..<t {
                for j in 0..<e { gradient[(text * t + time) * e + j] = embeddedGradient[(time * b + text) * e + j] }
            }
        }
        NN.zeroGradients(encoder.parameters + fc.parameters)
        return (z, gradient)
    }

    /// Sets every gradient to zero (the embedding only where the last batches touched it).
    public func zeroGradients() {
        NN.zeroGradients(parameters)
    }

    /// Embedding → encoder → pool → (dropout) → Linear; leaves sorted-order logits in `logits`.
    private func forward(_ batch: PaddedBatch, pass: ForwardPass, generator: inout SeededGenerator) -> PackedLayout {
        let layout = PackedLayout(lengths: batch.lengths)
        let n = layout.tokenCount, rows = batch.batchSize, e = config.embeddingDim, v = config.vocabularySize
        if packedTokens.count < n { packedTokens = [Int32](repeating: 0, count: n) }
        if rowOfToken.count < n { rowOfToken = [Int32](repeating: 0, count: n) }
        batch.tokens.withUnsafeBufferPointer { padded in
            packedTokens.withUnsafeMutableBufferPointer { packed in
                layout.packTokens(padded.baseAddress!, paddedLength: batch.maxLength, into: packed.baseAddress!)
            }
        }
        distinctTokens.removeAll()
        for index in 0..<n {
            let id = Int(packedTokens[index])
            precondition(id >= 0 && id < v, "token id \(id) outside vocabulary of \(v)")
            rowOfToken[index] = distinctTokens.insert(id)
        }
        readsDistinctRows = true
        ensureCapacity(&embedded, distinctTokens.indices.count * e)
        distinctTokens.indices.withUnsafeBufferPointer { tokens in
            embedded.withUnsafeMutableBufferPointer { output in
                embedding.forward(output: output.baseAddress!, tokens: tokens.baseAddress!, count: tokens.count)
            }
        }
        forwardFromEmbeddings(layout: layout, rows: rows, pass: pass, generator: &generator)
        return layout
    }

    /// The encoder's first-layer input as the latest forward left it in `embedded`.
    private func withEncoderInput<Result>(layout: PackedLayout, _ body: (RecurrentInput) -> Result) -> Result {
        let e = config.embeddingDim
        return embedded.withUnsafeBufferPointer { rows in
            rowOfToken.withUnsafeBufferPointer { rowOf in
                body(readsDistinctRows
                     ? RecurrentInput(rows: rows.baseAddress!, stride: e, rowCount: distinctTokens.indices.count,
                                      rowOfToken: rowOf.baseAddress!)
                     : RecurrentInput(packed: rows.baseAddress!, stride: e, tokenCount: layout.tokenCount))
            }
        }
    }

    /// Encoder → pool → (dropout) → Linear on the first-layer input in `embedded`; leaves
    /// sorted-order logits in `logits`.
    private func forwardFromEmbeddings(layout: PackedLayout, rows: Int, pass: ForwardPass,
                                       generator: inout SeededGenerator) {
        let h = config.hiddenSize, w = config.featureWidth, k = config.classCount
        ensureCapacity(&pooled, rows * w)
        ensureCapacity(&logits, rows * k)
        withEncoderInput(layout: layout) { input in
            encoder.forward(input: input, layout: layout, pass: pass, generator: &generator)
        }
        let output = encoder.output
        pooled.withUnsafeMutableBufferPointer { pooledBuffer in
            let p = pooledBuffer.baseAddress!
            switch config.pooling {
            case .last:
                SequencePooling.lastForward(pooled: p, output: output, layout: layout, hiddenSize: h,
                                            directions: config.directions)
            case .max:
                if poolArgmax.count < rows * w { poolArgmax = [Int32](repeating: 0, count: rows * w) }
                poolArgmax.withUnsafeMutableBufferPointer { argmax in
                    SequencePooling.maxForward(pooled: p, argmax: argmax.baseAddress!, output: output,
                                               layout: layout, width: w)
                }
            case .mean:
                SequencePooling.meanForward(pooled: p, output: output, layout: layout, width: w)
            }
        }
        usedDropout = pass.usesDropout && config.dropout > 0
        if usedDropout {
            ensureCapacity(&dropped, rows * w)
            ensureCapacity(&dropoutMask, rows * w)
            pooled.withUnsafeBufferPointer { input in
                dropped.withUnsafeMutableBufferPointer { output in
                    dropoutMask.withUnsafeMutableBufferPointer { mask in
                        Dropout.forward(output: output.baseAddress!, mask: mask.baseAddress!, input: input.baseAddress!,
                                        count: rows * w, probability: config.dropout, generator: &generator)
                    }
                }
            }
        }
        let fcInput = usedDropout ? dropped : pooled
        fcInput.withUnsafeBufferPointer { input in
            logits.withUnsafeMutableBufferPointer { output in
                fc.forward(output: output.baseAddress!, input: input.baseAddress!, rows: rows)
            }
        }
    }

    private func computeSoftmax(rows: Int) {
        let k = config.classCount
        ensureCapacity(&softmax, rows * k)
        logits.withUnsafeBufferPointer { z in
            softmax.withUnsafeMutableBufferPointer { p in
                SoftmaxCrossEntropy.softmax(probabilities: p.baseAddress!, logits: z.baseAddress!, rows: rows, classes: k)
            }
        }
    }
}
