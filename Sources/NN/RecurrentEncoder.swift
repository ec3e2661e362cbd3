import Tensor

/// L stacked recurrent layers of one cell kind, each forward-only (D = 1) or
/// bidirectional (D = 2), dropout between layers (not after the last): PyTorch's
/// `nn.LSTM` / `nn.GRU` / `nn.RNN(E, H, num_layers: L, bidirectional: D == 2, dropout: p)`,
/// or the peephole LSTM (see `PeepholeLSTM`).
///
/// Dimension letters: N packed tokens, E input size, H hidden size, L layers,
/// D directions, W = D·H. Each layer's output is (N, W): forward h_t in columns 0..<H,
/// reverse h_t in H..<2H. The two directions of a layer run at the same time on the two
/// cores; each writes its own half of the output and its own input-gradient buffer, so
/// results do not depend on scheduling.
public final class RecurrentEncoder {
    public let kind: CellKind
    public let inputSize: Int
    public let hiddenSize: Int
    public let layerCount: Int
    /// D: 1 (forward only) or 2 (bidirectional).
    public let directionCount: Int
    /// Dropout probability applied to the outputs of every layer but the last (training only).
    public let dropout: Float
    /// [layer][direction]: forward, then reverse when D = 2.
    public let layers: [[RecurrentDirection]]

    /// [layer] (N, W) outputs h_t of every direction.
    private var outputs: [WorkspaceBuffer]
    /// [layer ≥ 1] (N, W) the dropped-out input of the layer (= dropout(output of layer − 1)).
    private var droppedInputs: [WorkspaceBuffer]
    /// [layer ≥ 1] (N, W) dropout masks (0 or 1/(1−p)); unused when dropout was off.
    private var masks: [WorkspaceBuffer]
    private var usedDropout = false
    /// [direction] (max(R, N), max(E, W)) ∂L/∂input, one buffer per direction, summed after both finish.
    private let directionInputGradients = [WorkspaceBuffer(), WorkspaceBuffer()]
    /// (N, W) ∂L/∂(output of the layer being back-propagated).
    private let layerOutputGradient = WorkspaceBuffer()

    /// Below this many tokens, handing one direction to the other core costs more than it
    /// saves (a thread wake-up against a few microseconds of work), so both run here.
    static let parallelTokenThreshold = 32

    /// Layers named `{prefix}weight_ih_l0`, `…_l0_reverse`, … as PyTorch does.
    public init(kind: CellKind = .lstm, inputSize: Int, hiddenSize: Int, layerCount: Int, directionCount: Int = 2,
                dropout: Float, initialization: Initialization = .pytorchDefault, generator: inout SeededGenerator) {
        precondition(layerCount >= 1, "a recurrent encoder needs at least one layer")
        precondition(directionCount == 1 || directionCount == 2, "directions must be 1 or 2")
        precondition(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)")
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.directionCount = directionCount
        self.dropout = dropout
        var layers: [[RecurrentDirection]] = []
        for layer in 0..<layerCount {
            let layerInput = layer == 0 ? inputSize : directionCount * hiddenSize
            layers.append((0..<directionCount).map { direction in
                makeRecurrentDirection(kind, suffix: "_l\(layer)" + (direction == 1 ? "_reverse" : ""),
                                       inputSize: layerInput, hiddenSize: hiddenSize, isReverse: direction == 1,
                                       initialization: initialization, generator: &generator)
            })
        }
        self.layers = layers
        outputs = (0..<layerCount).map { _ in WorkspaceBuffer() }
        droppedInputs = (0..<layerCount).map { _ in WorkspaceBuffer() }
        masks = (0..<layerCount).map { _ in WorkspaceBuffer() }
    }

    /// W = D·H, the width of every layer's output.
    public var outputWidth: Int { directionCount * hiddenSize }

    /// All parameters in PyTorch's state-dict order (layer by layer, forward then reverse).
    public var parameters: [Parameter] {
        layers.flatMap { $0.flatMap(\.parameters) }
    }

    /// Runs every direction of a layer: on both cores when there are two and enough work.
    private func forEachDirection(of layer: Int, tokenCount: Int, _ body: (Int, RecurrentDirection) -> Void) {
        let directions = layers[layer]
        if directions.count == 1 {
            body(0, directions[0])
        } else {
            runConcurrently({ body(0, directions[0]) }, { body(1, directions[1]) },
                            serially: tokenCount < Self.parallelTokenThreshold)
        }
    }

    /// The input of `layer` from the latest forward: the first layer's `input` (E
    /// columns), or the previous layer's output (after dropout when training used it).
    private func layerInput(_ layer: Int, input: RecurrentInput, tokenCount n: Int) -> RecurrentInput {
        if layer == 0 { return input }
        return RecurrentInput(packed: usedDropout ? droppedInputs[layer].pointer : outputs[layer - 1].pointer,
                              stride: outputWidth, tokenCount: n)
    }

    /// Forward over a packed batch. Afterwards `output` holds the last layer's output.
    ///
    /// - Parameters:
    ///   - input: the first layer's x_t (E columns; its rows may be shared, see
    ///     `RecurrentInput`).
    ///   - pass: `.training` applies dropout between layers (drawing masks from
    ///     `generator`); `.inference` keeps nothing for `backward` (each cell's `infer`).
    public func forward(input: RecurrentInput, layout: PackedLayout, pass: ForwardPass,
                        generator: inout SeededGenerator) {
        let n = layout.tokenCount, w = outputWidth, h = hiddenSize
        usedDropout = pass.usesDropout && dropout > 0
        for layer in 0..<layerCount {
            let output = outputs[layer].reserve(n * w)
            if layer > 0 && usedDropout {
                Dropout.forward(output: droppedInputs[layer].reserve(n * w), mask: masks[layer].reserve(n * w),
                                input: outputs[layer - 1].pointer, count: n * w, probability: dropout,
                                generator: &generator)
            }
            let x = layerInput(layer, input: input, tokenCount: n)
            forEachDirection(of: layer, tokenCount: n) { direction, cell in
                if pass == .inference {
                    cell.infer(output: output + direction * h, outputStride: w, input: x, layout: layout)
                } else {
                    cell.forward(output: output + direction * h, outputStride: w, input: x, layout: layout)
                }
            }
        }
    }

    /// (N, W) the last layer's output from the latest forward; valid until the next forward.
    public var output: UnsafePointer<Float> { UnsafePointer(outputs[layerCount - 1].pointer) }

    /// (N, W) layer `layer`'s output from the latest forward (for `explain`'s traces).
    public func output(ofLayer layer: Int) -> UnsafePointer<Float> { UnsafePointer(outputs[layer].pointer) }

    /// Backward through all layers: accumulates every parameter gradient (`+=`) and
    /// writes ∂L/∂input.
    ///
    /// - Parameters:
    ///   - inputGradient: (R, E) out: ∂L/∂(each row of `input`) (overwritten).
    ///   - outputGradient: (N, W) ∂L/∂(last layer output).
    ///   - input: the `input` given to forward.
    public func backward(inputGradient: UnsafeMutablePointer<Float>, outputGradient: UnsafePointer<Float>,
                         input: RecurrentInput, layout: PackedLayout) {
        let n = layout.tokenCount, w = outputWidth, h = hiddenSize
        let maxRows = max(input.rowCount, n), maxInput = max(inputSize, w)
        let dx = directionInputGradients.map { $0.reserve(maxRows * maxInput) }
        let dPrevious = layerOutputGradient.reserve(n * w)
        var dOutput = outputGradient
        for layer in stride(from: layerCount - 1, through: 0, by: -1) {
            let x = layerInput(layer, input: input, tokenCount: n)
            let output = UnsafePointer(outputs[layer].pointer)
            let dOut = dOutput
            forEachDirection(of: layer, tokenCount: Self.parallelTokenThreshold) { direction, cell in
                cell.backward(inputGradient: dx[direction], outputGradient: dOut + direction * h,
                              outputGradientStride: w, output: output + direction * h, outputStride: w,
                              input: x, layout: layout)
            }
            // ∂L/∂(layer input): the sum of what every direction sends down.
            let target = layer == 0 ? inputGradient : dPrevious
            let count = x.rowCount * (layer == 0 ? inputSize : w)
            if directionCount == 2 {
                inHalvesOnBothCores(count, serially: count < 1 << 15) { range in
                    let start = range.lowerBound
                    add(target + start, dx[0] + start, dx[1] + start, count: range.count)
                }
            } else {
                target.update(from: dx[0], count: count)
            }
            if layer > 0 && usedDropout {
                multiply(dPrevious, dPrevious, masks[layer].pointer, count: count)
            }
            dOutput = UnsafePointer(dPrevious)
        }
    }
}
