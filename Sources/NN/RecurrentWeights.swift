import Tensor

/// The four tensors every PyTorch recurrent layer direction has, with their state-dict
/// names (`{prefix}weight_ih{suffix}`, …) and PyTorch's initialization: every weight and
/// bias uniform(−1/√H, 1/√H).
///
/// Dimension letters: I input size, H hidden size, G = gatesPerUnit·H.
public struct RecurrentWeights {
    /// The state-dict name around a tensor's: `"lstm."` and `"_l0_reverse"`.
    public let prefix: String
    public let suffix: String
    public let inputSize: Int
    public let hiddenSize: Int
    /// G.
    public let gateCount: Int
    /// (G, I) `weight_ih`.
    public let inputWeight: Parameter
    /// (G, H) `weight_hh`.
    public let recurrentWeight: Parameter
    /// (G) `bias_ih`.
    public let inputBias: Parameter
    /// (G) `bias_hh`.
    public let recurrentBias: Parameter

    public init(prefix: String, suffix: String, inputSize: Int, hiddenSize: Int, gatesPerUnit: Int,
                initialization: Initialization, generator: inout SeededGenerator) {
        precondition(inputSize >= 1 && hiddenSize >= 1, "a recurrent layer needs I ≥ 1 and H ≥ 1")
        self.prefix = prefix
        self.suffix = suffix
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        gateCount = gatesPerUnit * hiddenSize
        inputWeight = Parameter(name: "\(prefix)weight_ih\(suffix)", shape: [gateCount, inputSize])
        recurrentWeight = Parameter(name: "\(prefix)weight_hh\(suffix)", shape: [gateCount, hiddenSize])
        inputBias = Parameter(name: "\(prefix)bias_ih\(suffix)", shape: [gateCount])
        recurrentBias = Parameter(name: "\(prefix)bias_hh\(suffix)", shape: [gateCount])
        guard case .pytorchDefault = initialization else { return }
        let bound = 1 / Float(hiddenSize).squareRoot()
        for parameter in parameters {
            parameter.initializeUniform(bound: bound, generator: &generator)
        }
    }

    /// The state-dict name of this direction's tensor `tensor` (`"weight_ci"` → `"lstm.weight_ci_l0"`).
    public func name(_ tensor: String) -> String { "\(prefix)\(tensor)\(suffix)" }

    /// (G) b_ih + b_hh in `buffer`: what the cells that add both biases before their
    /// non-linearity (all but the GRU) start every projection row from.
    public func summedBias(into buffer: WorkspaceBuffer) -> UnsafeMutablePointer<Float> {
        let bias = buffer.reserve(gateCount)
        add(bias, inputBias.valuePointer, recurrentBias.valuePointer, count: gateCount)
        return bias
    }

    /// Gives `panels` W_hhᵀ (H × G) for forward's steps, a[rows] += h_{t−1}·W_hhᵀ.
    public func loadRecurrentForForward(into panels: PanelMatrix) {
        panels.load(recurrentWeight.valuePointer, ldb: hiddenSize, transposed: true, k: hiddenSize, n: gateCount)
    }

    /// Gives `panels` W_hh (G × H) for backward's steps, ∂L/∂h_{t−1} = ∂L/∂a·W_hh.
    public func loadRecurrentForBackward(into panels: PanelMatrix) {
        panels.load(recurrentWeight.valuePointer, ldb: hiddenSize, transposed: false, k: gateCount, n: hiddenSize)
    }

    /// weight_ih, weight_hh, bias_ih, bias_hh: PyTorch's state-dict order.
    public var parameters: [Parameter] { [inputWeight, recurrentWeight, inputBias, recurrentBias] }
}
