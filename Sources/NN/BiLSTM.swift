import Tensor

/// A bidirectional LSTM of L layers, dropout between layers (not after the last),
/// as PyTorch's `nn.LSTM(E, H, num_layers: L, bidirectional: true, dropout: p)`.
///
/// Dimension letters: N packed tokens, E input size, H hidden size, L layers.
/// Each layer's output is (N, 2H): forward h_t in columns 0..<H, reverse h_t in H..<2H.
/// The two directions of a layer run at the same time on the two cores; each writes
/// its own half of the output and its own input-gradient buffer, so results do not
/// depend on scheduling.
public final class BiLSTM {
    public let inputSize: Int
    public let hiddenSize: Int
    public let layerCount: Int
    /// Dropout probability applied to the outputs of every layer but the last (training only).
    public let dropout: Float
    /// [layer] (forward, reverse).
    public let layers: [(forward: LSTM, reverse: LSTM)]

    /// [layer] (N, 2H) outputs h_t of both directions.
    private var outputs: [[Float]]
    /// [layer ≥ 1] (N, 2H) the dropped-out input of the layer (= dropout(output of layer − 1)).
    private var droppedInputs: [[Float]]
    /// [layer ≥ 1] (N, 2H) dropout masks (0 or 1/(1−p)); empty when dropout was off.
    private var masks: [[Float]]
    private var usedDropout = false
    /// (N, max(E, 2H)) ∂L/∂input, one buffer per direction, summed after both finish.
    private var forwardInputGradient: [Float] = []
    private var reverseInputGradient: [Float] = []
    /// (N, 2H) ∂L/∂(output of the layer being back-propagated).
    private var layerOutputGradient: [Float] = []

    /// Below this many tokens, handing one direction to the other core costs more than it
    /// saves (a thread wake-up against a few microseconds of work), so both run here.
    static let parallelTokenThreshold = 32

    /// Layers named `lstm.weight_ih_l0`, `…_l0_reverse`, … as PyTorch does.
    public init(prefix: String = "lstm.", inputSize: Int, hiddenSize: Int, layerCount: Int, dropout: Float,
                initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        precondition(layerCount >= 1, "BiLSTM needs at least one layer")
        precondition(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.dropout = dropout
        var layers: [(forward: LSTM, reverse: LSTM)] = []
        for layer in 0..<layerCount {
            let layerInput = layer == 0 ? inputSize : 2 * hiddenSize
            let forward = LSTM(prefix: prefix, suffix: "_l\(layer)", inputSize: layerInput, hiddenSize: hiddenSize,
                               isReverse: false, initialization: initialization, generator: &generator)
            let reverse = LSTM(prefix: prefix, suffix: "_l\(layer)_reverse", inputSize: layerInput,
                               hiddenSize: hiddenSize, isReverse: true, initialization: initialization,
                               generator: &generator)
            layers.append((forward, reverse))
        }
        self.layers = layers
        outputs = Array(repeating: [], count: layerCount)
        droppedInputs = Array(repeating: [], count: layerCount)
        masks = Array(repeating: [], count: layerCount)
    }

    /// All parameters in PyTorch's state-dict order (layer by layer, forward then reverse).
    public var parameters: [Parameter] {
        layers.flatMap { $0.forward.parameters + $0.reverse.parameters }
    }

    /// Forward over a packed batch. Afterwards `withOutput` gives the last layer's output.
    ///
    /// - Parameters:
    ///   - input: (N, E) packed input vectors.
    ///   - training: applies dropout between layers (drawing masks from `generator`).
    public func forward(input: UnsafePointer<Float>, layout: PackedLayout, training: Bool,
                        generator: inout SeededGenerator) {
        let n = layout.tokenCount, width = 2 * hiddenSize
        usedDropout = training && dropout > 0
        for layer in 0..<layerCount {
            ensureCapacity(&outputs[layer], n * width)
            var layerInput = input
            var layerInputStride = inputSize
            if layer > 0 {
                layerInputStride = width
                if usedDropout {
                    ensureCapacity(&droppedInputs[layer], n * width)
                    ensureCapacity(&masks[layer], n * width)
                    outputs[layer - 1].withUnsafeBufferPointer { previous in
                        droppedInputs[layer].withUnsafeMutableBufferPointer { dropped in
                            masks[layer].withUnsafeMutableBufferPointer { mask in
                                Dropout.forward(output: dropped.baseAddress!, mask: mask.baseAddress!,
                                                input: previous.baseAddress!, count: n * width,
                                                probability: dropout, generator: &generator)
                            }
                        }
                    }
                }
            }
            let (forward, reverse) = layers[layer]
            // Pointers into arrays owned by self stay valid: nothing resizes them until the next call.
            let previousOutput: UnsafePointer<Float>? = layer > 0
                ? (usedDropout ? droppedInputs[layer].withUnsafeBufferPointer { $0.baseAddress! }
                               : outputs[layer - 1].withUnsafeBufferPointer { $0.baseAddress! })
                : nil
            if let previousOutput { layerInput = previousOutput }
            let stride = layerInputStride
            outputs[layer].withUnsafeMutableBufferPointer { out in
                let output = out.baseAddress!
                runConcurrently({
                    forward.forward(output: output, outputStride: width, input: layerInput, inputStride: stride,
                                    layout: layout)
                }, {
                    reverse.forward(output: output + self.hiddenSize, outputStride: width, input: layerInput,
                                    inputStride: stride, layout: layout)
                }, serially: n < Self.parallelTokenThreshold)
            }
        }
    }

    /// Calls `body` with the last layer's output (N, 2H) from the latest forward.
    public func withOutput<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try outputs[layerCount - 1].withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Backward through all layers: accumulates every parameter gradient (`+=`) and
    /// writes ∂L/∂input.
    ///
    /// - Parameters:
    ///   - inputGradient: (N, E) out: ∂L/∂input (overwritten).
    ///   - outputGradient: (N, 2H) ∂L/∂(last layer output).
    ///   - input: the `input` given to forward.
    public func backward(inputGradient: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                         input: UnsafePointer<Float>, layout: PackedLayout) {
        let n = layout.tokenCount, width = 2 * hiddenSize
        let maxInput = max(inputSize, width)
        ensureCapacity(&forwardInputGradient, n * maxInput)
        ensureCapacity(&reverseInputGradient, n * maxInput)
        ensureCapacity(&layerOutputGradient, n * width)
        var currentOutputGradient = outputGradient
        for layer in stride(from: layerCount - 1, through: 0, by: -1) {
            let (forward, reverse) = layers[layer]
            let layerInputSize = layer == 0 ? inputSize : width
            let layerInput: UnsafePointer<Float> = layer == 0
                ? input
                : (usedDropout ? droppedInputs[layer].withUnsafeBufferPointer { $0.baseAddress! }
                               : outputs[layer - 1].withUnsafeBufferPointer { $0.baseAddress! })
            let output = outputs[layer].withUnsafeBufferPointer { $0.baseAddress! }
            let dOut = currentOutputGradient
            let hidden = hiddenSize
            forwardInputGradient.withUnsafeMutableBufferPointer { dxf in
                reverseInputGradient.withUnsafeMutableBufferPointer { dxr in
                    let dxForward = dxf.baseAddress!, dxReverse = dxr.baseAddress!
                    runConcurrently({
                        forward.backward(inputGradient: dxForward, outputGradient: dOut, outputGradientStride: width,
                                         output: output, outputStride: width,
                                         input: layerInput, inputStride: layerInputSize, layout: layout)
                    }, {
                        reverse.backward(inputGradient: dxReverse, outputGradient: dOut + hidden,
                                         outputGradientStride: width,
                                         output: output + hidden, outputStride: width,
                                         input: layerInput, inputStride: layerInputSize, layout: layout)
                    })
                    let count = n * layerInputSize
                    if layer == 0 {
                        add(inputGradient, dxForward, dxReverse, count: count)
                    } else {
                        layerOutputGradient.withUnsafeMutableBufferPointer { dPrevious in
                            let d = dPrevious.baseAddress!
                            add(d, dxForward, dxReverse, count: count)
                            if usedDropout {
                                masks[layer].withUnsafeBufferPointer { mask in
                                    multiply(d, d, mask.baseAddress!, count: count)
                                }
                            }
                        }
                    }
                }
            }
            currentOutputGradient = layerOutputGradient.withUnsafeBufferPointer { $0.baseAddress! }
        }
    }
}
