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
            // Storage fetched once per parameter, as Adam does: `value` and `gradient` are
            // accessors (deferred values, lazy gradients), too costly per element.
            parameter.value.withUnsafeMutableBufferPointer { theta in
            parameter.gradient.withUnsafeBufferPointer { gradient in
            momentumBuffers[index].withUnsafeMutableBufferPointer { buffer in
                for j in 0..<theta.count {
                    var g = gradient[j] + weightDecay * theta[j]
                    if momentum != 0 {
                        let b = hasStepped ? momentum * buffer[j] + g : g
                        buffer[j] = b
                        g = nesterov ? g + momentum * b : b
                    }
                    theta[j] -= learningRate * g
                }
            }
            }
            }
        }
        hasStepped = true
    }
}
