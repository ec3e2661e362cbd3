/// Stochastic gradient descent with optional momentum, as `torch.optim.SGD`
/// (dampening 0):
///
///     g ← g + λ·θ;   b ← g (first step) or μ·b + g;   θ ← θ − lr·(nesterov ? g + μ·b : b)
public final class SGD {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float, weightDecay: Float, nesterov: Bool
    private var momentumBuffers: [[Float]]
    private var hasStepped = false

    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
                nesterov: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        momentumBuffers = parameters.map { [Float](repeating: 0, count: momentum == 0 ? 0 : $0.count) }
    }

    /// Updates every parameter from its current gradient.
    public func step() {
        for (index, parameter) in parameters.enumerated() {
            for j in 0..<parameter.count {
                var g = parameter.gradient[j] + weightDecay * parameter.value[j]
                if momentum != 0 {
                    let b = hasStepped ? momentum * momentumBuffers[index][j] + g : g
                    momentumBuffers[index][j] = b
                    g = nesterov ? g + momentum * b : b
                }
                parameter.value[j] -= learningRate * g
            }
        }
        hasStepped = true
    }
}
