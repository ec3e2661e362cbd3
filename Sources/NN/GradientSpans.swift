/// The stretches of some parameters' gradients that may be nonzero (all of a dense
/// parameter, the touched rows of a tracked table; see `Parameter.forEachGradientRange`),
/// in parameter order, cut into two runs of about as many elements each so that a pass
/// over them can use both cores.
///
/// The pointers stay valid while the gradients are neither reallocated nor replaced:
/// build it, use it, drop it.
struct GradientSpans {
    private(set) var spans: [(start: UnsafeMutablePointer<Float>, count: Int)] = []
    /// Spans `0..<split` go to one core, the rest to the other.
    private var split = 0
    private var elementCount = 0

    init(_ parameters: [Parameter]) {
        for parameter in parameters {
            let base = parameter.gradientPointer
            parameter.forEachGradientRange { spans.append((base + $0.lowerBound, $0.count)) }
        }
        elementCount = spans.reduce(0) { $0 + $1.count }
        var firstRun = 0
        while split < spans.count && firstRun < elementCount / 2 {
            firstRun += spans[split].count
            split += 1
        }
    }

    /// Calls `body` with every span's index, each index once, spans `0..<split` on one
    /// core and the others on the other (both on this thread for few elements).
    func onBothCores(_ body: (Int) -> Void) {
        runConcurrently({ for index in 0..<split { body(index) } },
                        { for index in split..<spans.count { body(index) } },
                        serially: elementCount < 1 << 14)
    }
}

/// Sets every parameter's gradient to zero and forgets the rows tables touched.
public func zeroGradients(_ parameters: [Parameter]) {
    let gradients = GradientSpans(parameters)
    gradients.onBothCores { gradients.spans[$0].start.update(repeating: 0, count: gradients.spans[$0].count) }
    for parameter in parameters { parameter.forgetTouchedRows() }
}
