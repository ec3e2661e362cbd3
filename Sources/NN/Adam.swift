import Tensor

/// Adam (Kingma & Ba) with bias correction, and AdamW when `decoupledWeightDecay`,
/// matching `torch.optim.Adam` / `torch.optim.AdamW` step for step:
///
///     g ← g + λ·θ                      (Adam with weightDecay λ: L2 in the gradient)
///     θ ← θ·(1 − lr·λ)                 (AdamW: decoupled decay instead)
///     m ← m + (1−β₁)(g − m)            v ← β₂·v + (1−β₂)·g²
///     θ ← θ − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
///
/// A parameter that tracks its touched rows (the embedding) is stepped lazily: a step
/// moves the rows the batch touched, and the others pay the steps they owe when they
/// are next read (`AdamRowDebt`). That is exactly dense Adam, bit for bit, without a
/// pass over the whole table per step.
///
/// With `sparseTables`, a parameter that tracks its touched rows is
/// stepped only on the rows the batch touched; the others keep their value and both
/// moments, as `torch.optim.SparseAdam` does with `nn.Embedding(sparse=True)` (t still
/// counts every step). This is not dense Adam: a row left out of a batch does not coast
/// on its momentum. It replaces a pass over the whole table (the largest parameter by
/// far) with one over the batch's distinct tokens.
public final class Adam {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    public let decoupledWeightDecay: Bool
    /// Step only the touched rows of tables that track them (see the type's comment).
    public let sparseTables: Bool
    /// Steps taken so far (t).
    public private(set) var stepCount = 0
    /// First and second moments, one pair per parameter.
    private let moments: [AdamMoments]
    /// For each parameter stepped lazily (see the type's comment), what its rows are owed.
    private let debts: [AdamRowDebt?]

    public init(parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false,
                sparseTables: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.sparseTables = sparseTables
        let moments = parameters.map { AdamMoments(count: $0.count) }
        self.moments = moments
        debts = zip(parameters, moments).map { parameter, moments in
            guard !sparseTables && parameter.touchedRows != nil else { return nil }
            // Another optimizer's debt is paid before this one takes the table over.
            parameter.owedSteps?.settleAll()
            let debt = AdamRowDebt(parameter: parameter, moments: moments)
            parameter.owedSteps = debt
            return debt
        }
    }

    deinit {
        for (parameter, debt) in zip(parameters, debts) {
            guard let debt, parameter.owedSteps === debt else { continue }
            debt.settleAll()
            parameter.owedSteps = nil
        }
    }

    /// Updates every parameter from its current gradient (gradients are not zeroed).
    public func step() {
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = Float(Double(learningRate) / (1 - pow(Double(beta1), t)))
        let inverseCorrection2 = Float(1 / (1 - pow(Double(beta2), t)).squareRoot())
        let update = AdamUpdate(stepSize: stepSize, inverseCorrection2: inverseCorrection2,
                                decay: decoupledWeightDecay ? 1 - learningRate * weightDecay : 1,
                                l2: decoupledWeightDecay ? 0 : weightDecay,
                                oneMinusBeta1: 1 - beta1, beta2: beta2, oneMinusBeta2: 1 - beta2, epsilon: epsilon)
        for (index, parameter) in parameters.enumerated() {
            if let debt = debts[index] {
                precondition(parameter.owedSteps === debt, "\(parameter.name) was taken over by another optimizer")
                parameter.gradient.withUnsafeBufferPointer { gradient in
                    debt.step(update, gradient: gradient.baseAddress!)
                }
                continue
            }
            let count = parameter.count
            parameter.value.withUnsafeMutableBufferPointer { valueBuffer in
            parameter.gradient.withUnsafeBufferPointer { gradientBuffer in
            moments[index].first.withUnsafeMutableBufferPointer { mBuffer in
            moments[index].second.withUnsafeMutableBufferPointer { vBuffer in
                let theta = valueBuffer.baseAddress!, grad = gradientBuffer.baseAddress!
                let m = mBuffer.baseAddress!, v = vBuffer.baseAddress!
                if sparseTables && parameter.touchedRows != nil {
                    parameter.forEachGradientRange { range in
                        update.apply(theta: theta, gradient: grad, m: m, v: v, range: range)
                    }
                } else {
                    // Large tables (the embedding) are memory-bound: both cores.
                    inHalvesOnBothCores(count, serially: count < 1 << 16) { range in
                        update.apply(theta: theta, gradient: grad, m: m, v: v, range: range)
                    }
                }
            }}}}
        }
    }

    // MARK: State

    /// Everything Adam carries from one step to the next besides the hyperparameters:
    /// t and both moments (`m`, `v`), one buffer per parameter in `parameters` order.
    /// Restoring it into an optimizer over the same parameters continues the run exactly
    /// (what `torch.optim.Adam.state_dict()` holds per parameter: `step`, `exp_avg`,
    /// `exp_avg_sq`).
    public struct State: Equatable, Sendable {
        /// Steps taken so far (t).
        public var stepCount: Int
        /// First moments m, one buffer per parameter, each `parameter.count` long.
        public var firstMoments: [[Float]]
        /// Second moments v (uncentred variance), same layout.
        public var secondMoments: [[Float]]

        public init(stepCount: Int, firstMoments: [[Float]], secondMoments: [[Float]]) {
            self.stepCount = stepCount
            self.firstMoments = firstMoments
            self.secondMoments = secondMoments
        }
    }

    /// A copy of the step count and moments (what lazily stepped rows owe paid first).
    public var state: State {
        for debt in debts { debt?.settleAll() }
        return State(stepCount: stepCount, firstMoments: moments.map(\.first), secondMoments: moments.map(\.second))
    }

    /// Replaces the step count and moments with `state`, e.g. one saved by an interrupted
    /// run. Throws `AdamStateError` (and changes nothing) unless `state` has one buffer of
    /// the right size per parameter and a step count ≥ 0.
    public func restore(_ state: State) throws {
        guard state.stepCount >= 0 else { throw AdamStateError.negativeStepCount(state.stepCount) }
        for (moment, buffers) in [("first", state.firstMoments), ("second", state.secondMoments)] {
            guard buffers.count == parameters.count else {
                throw AdamStateError.bufferCount(moment: moment, found: buffers.count, parameters: parameters.count)
            }
            for (parameter, buffer) in zip(parameters, buffers) where buffer.count != parameter.count {
                throw AdamStateError.bufferSize(moment: moment, parameter: parameter.name,
                                                found: buffer.count, expected: parameter.count)
            }
        }
        for debt in debts { debt?.settleAll() }
        stepCount = state.stepCount
        for (index, moments) in moments.enumerated() {
            moments.first = state.firstMoments[index]
            moments.second = state.secondMoments[index]
        }
        for debt in debts { debt?.restart(at: stepCount) }
    }
}

/// Why `Adam.restore(_:)` refused a state: it was saved for other parameters.
public enum AdamStateError: Error, Equatable, CustomStringConvertible, Sendable {
    case negativeStepCount(Int)
    /// `found` buffers of the `moment` ("first"/"second") for `parameters` parameters.
    case bufferCount(moment: String, found: Int, parameters: Int)
    /// The `moment` buffer of `parameter` holds `found` values, the parameter `expected`.
    case bufferSize(moment: String, parameter: String, found: Int, expected: Int)

    public var description: String {
        switch self {
        case .negativeStepCount(let count):
            return "Adam step count \(count) is negative"
        case .bufferCount(let moment, let found, let parameters):
            return "Adam state has \(found) \(moment)-moment buffers for \(parameters) parameters"
        case .bufferSize(let moment, let parameter, let found, let expected):
            return "Adam \(moment) moment of '\(parameter)' has \(found) values, the parameter has \(expected)"
        }
    }
}

/// One Adam step's constants, applied to a range of elements.
struct AdamUpdate {
    var stepSize: Float, inverseCorrection2: Float
    var decay: Float, l2: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float, epsilon: Float

    func apply(theta: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
               v: UnsafeMutablePointer<Float>, range: Range<Int>) {
        let start = range.lowerBound
        adamUpdate(value: theta + start, gradient: gradient + start, firstMoment: m + start,
                   secondMoment: v + start, count: range.count, stepSize: stepSize,
                   inverseCorrection2: inverseCorrection2, decay: decay, l2: l2, oneMinusBeta1: oneMinusBeta1,
                   beta2: beta2, oneMinusBeta2: oneMinusBeta2, epsilon: epsilon)
    }
}

/// One parameter's first and second Adam moments, shared by `Adam` and, for a table
/// stepped lazily, its `AdamRowDebt`.
final class AdamMoments {
    var first: [Float]
    var second: [Float]

    init(count: Int) {
        first = [Float](repeating: 0, count: count)
        second = [Float](repeating: 0, count: count)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
