/// The four recurrent cells the LSTM literature compares: which one a layer runs.
///
/// Gate counts G per cell (H hidden units): LSTM and peephole LSTM 4H (i, f, g, o),
/// GRU 3H (r, z, n), simple RNN H.
public enum CellKind: String, CaseIterable, Codable, Sendable {
    /// PyTorch's `nn.LSTM` (Hochreiter & Schmidhuber 1997, with a forget gate).
    case lstm
    /// LSTM whose gates also see the cell state (Gers & Schmidhuber 2000).
    case peephole
    /// PyTorch's `nn.GRU` (Cho et al. 2014).
    case gru
    /// PyTorch's `nn.RNN` with tanh (Elman).
    case rnn

    /// G / H: rows of `weight_ih` per hidden unit.
    public var gatesPerUnit: Int {
        switch self {
        case .lstm, .peephole: 4
        case .gru: 3
        case .rnn: 1
        }
    }

    /// The PyTorch module attribute the state-dict names start with (`lstm.weight_ih_l0`,
    /// `gru.…`, `rnn.…`); the peephole LSTM keeps `lstm.` and adds its peephole tensors.
    public var stateDictPrefix: String {
        switch self {
        case .lstm, .peephole: "lstm."
        case .gru: "gru."
        case .rnn: "rnn."
        }
    }

    /// "LSTM", "peephole LSTM", "GRU", "RNN": for logs and `info`.
    public var displayName: String {
        switch self {
        case .lstm: "LSTM"
        case .peephole: "peephole LSTM"
        case .gru: "GRU"
        case .rnn: "RNN"
        }
    }
}

/// One direction of one recurrent layer over a packed batch (see `PackedLayout`): the
/// contract every cell (`LSTM`, `PeepholeLSTM`, `GRU`, `SimpleRNN`) keeps.
///
/// Dimension letters: N packed tokens, I input size, H hidden size.
/// The forward direction stops at each sequence's end; the reverse direction runs from
/// time T−1 down to 0 and starts each sequence, from zero state, at its own last real
/// token, so padding never enters a state. Workspaces grow to the largest batch seen and
/// are then reused: the time loop never allocates.
public protocol RecurrentDirection: AnyObject {
    var kind: CellKind { get }
    /// weight_ih, weight_hh, bias_ih, bias_hh: every cell has them (and sizes from them).
    var weights: RecurrentWeights { get }
    var isReverse: Bool { get }
    /// PyTorch's state-dict order (`weights.parameters` unless the cell has more).
    var parameters: [Parameter] { get }
    /// When set, backward records ‖∂L/∂h_t‖ per token (`bench gradients`).
    var stateGradientRecorder: StateGradientRecorder? { get set }

    /// Forward over a packed batch.
    ///
    /// - Parameters:
    ///   - output: (N, outputStride) h_t written to the first H columns of each packed row.
    ///   - input: x_t of each packed token (see `RecurrentInput`).
    func forward(output: UnsafeMutablePointer<Float>, outputStride: Int, input: RecurrentInput, layout: PackedLayout)

    /// Forward for answers only: the same `output` as `forward`, bit for bit, with nothing
    /// kept for `backward` or `gateTrace` (both read the last `forward`). Each step runs
    /// the same product and kernel as `forward` into a buffer one step long (the loop is
    /// `ProjectedSteps.run`, `forward`'s too, for every cell but the GRU), so no (N, G)
    /// buffer is written and read back.
    func infer(output: UnsafeMutablePointer<Float>, outputStride: Int, input: RecurrentInput, layout: PackedLayout)

    /// Backward over the batch of the last `forward`: accumulates every parameter
    /// gradient (`+=`) and writes ∂L/∂x.
    ///
    /// - Parameters:
    ///   - inputGradient: (R, I) out: ∂L/∂(each row of `input`) (overwritten).
    ///   - outputGradient: (N, outputGradientStride) ∂L/∂h_t from above, first H columns.
    ///   - output, input: what forward was given.
    func backward(inputGradient: UnsafeMutablePointer<Float>,
                  outputGradient: UnsafePointer<Float>, outputGradientStride: Int,
                  output: UnsafePointer<Float>, outputStride: Int,
                  input: RecurrentInput, layout: PackedLayout)

    /// What the cell's gates did at packed row `row` of the last forward, per hidden
    /// unit (for `explain`). Cells without a gate leave it out of the trace.
    func gateTrace(row: Int) -> GateTrace
}

extension RecurrentDirection {
    public var inputSize: Int { weights.inputSize }
    public var hiddenSize: Int { weights.hiddenSize }
    public var parameters: [Parameter] { weights.parameters }
}

/// One direction's gates and states at one token, per hidden unit (H values each).
/// The LSTMs fill input, forget, output and cell; the GRU its reset and update gates
/// (as `reset`, `update`); the RNN only the hidden state, which the caller reads from
/// the layer output.
public struct GateTrace: Equatable, Sendable {
    public var input: [Float]? = nil
    public var forget: [Float]? = nil
    public var output: [Float]? = nil
    public var cell: [Float]? = nil
    public var reset: [Float]? = nil
    public var update: [Float]? = nil

    public init(input: [Float]? = nil, forget: [Float]? = nil, output: [Float]? = nil, cell: [Float]? = nil,
                reset: [Float]? = nil, update: [Float]? = nil) {
        self.input = input
        self.forget = forget
        self.output = output
        self.cell = cell
        self.reset = reset
        self.update = update
    }
}

/// A freshly initialized direction of `kind` (PyTorch's initialization unless `.zeros`).
/// `suffix` is the state-dict suffix, e.g. `"_l0"` or `"_l1_reverse"`.
public func makeRecurrentDirection(
    _ kind: CellKind, suffix: String, inputSize: Int, hiddenSize: Int, isReverse: Bool,
    initialization: Initialization, generator: inout SeededGenerator
) -> RecurrentDirection {
    let weights = RecurrentWeights(prefix: kind.stateDictPrefix, suffix: suffix, inputSize: inputSize,
                                   hiddenSize: hiddenSize, gatesPerUnit: kind.gatesPerUnit,
                                   initialization: initialization, generator: &generator)
    switch kind {
    case .lstm:
        return LSTM(weights: weights, isReverse: isReverse)
    case .peephole:
        return PeepholeLSTM(weights: weights, isReverse: isReverse, initialization: initialization,
                            generator: &generator)
    case .gru:
        return GRU(weights: weights, isReverse: isReverse)
    case .rnn:
        return SimpleRNN(weights: weights, isReverse: isReverse)
    }
}
