import NN

/// The shape of a classifier: Embedding(V, E) → recurrent encoder (cell, E, H, L layers,
/// D directions) → pool → dropout → Linear(D·H, K).
public struct ClassifierConfig: Codable, Equatable, Sendable {
    /// V, including `<pad>` (id 0) and `<unk>` (id 1).
    public var vocabularySize: Int
    /// E.
    public var embeddingDim: Int
    /// H, per direction.
    public var hiddenSize: Int
    /// L, stacked recurrent layers.
    public var layers: Int
    /// The recurrent cell every layer runs.
    public var cell: CellKind
    /// D: 2 (bidirectional) or 1 (forward only).
    public var directions: Int
    /// K.
    public var classCount: Int
    /// Dropout probability between LSTM layers and before the output layer (training only).
    public var dropout: Float
    public var pooling: Pooling

    /// The defaults are `sentiment train`'s (`TrainingSetup` takes them from `defaults`).
    public init(vocabularySize: Int, embeddingDim: Int = 100, hiddenSize: Int = 128, layers: Int = 1,
                classCount: Int = 2, dropout: Float = 0.5, pooling: Pooling = .max,
                cell: CellKind = .lstm, directions: Int = 2) {
        self.vocabularySize = vocabularySize
        self.embeddingDim = embeddingDim
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.classCount = classCount
        self.dropout = dropout
        self.pooling = pooling
        self.cell = cell
        self.directions = directions
    }

    /// Every default shape (the vocabulary and class count come from the data).
    public static let defaults = ClassifierConfig(vocabularySize: 2)

    /// The widest embedding or hidden state, and the deepest stack, a classifier may have:
    /// far above any useful size for this engine, and low enough that a mistyped number
    /// (`--hidden 1000000`: terabytes of weights) is refused instead of aborting in malloc.
    public static let maximumWidth = 4096
    public static let maximumLayers = 16

    /// W = D·H, the width of the pooled vector the output layer reads.
    public var featureWidth: Int { directions * hiddenSize }

    /// PyTorch state-dict names and shapes of this network's parameters, in
    /// `state_dict()` order (nn.Embedding, then the recurrent module layer by layer with
    /// `_reverse` after each forward direction, then nn.Linear). The peephole LSTM adds
    /// `weight_ci`, `weight_cf`, `weight_co` after each direction's four tensors.
    public var expectedTensorShapes: [(name: String, shape: [Int])] {
        let n = self, kind = n.cell, prefix = kind.stateDictPrefix, hiddenSize = n.hiddenSize
        let gates = kind.gatesPerUnit * hiddenSize, width = n.featureWidth
        var shapes: [(name: String, shape: [Int])] = [("embedding.weight", [n.vocabularySize, n.embeddingDim])]
        for layer in 0..<n.layers {
            let input = layer == 0 ? n.embeddingDim : width
            for suffix in ["", "_reverse"].prefix(n.directions) {
                let name = { (tensor: String) in "\(prefix)\(tensor)_l\(layer)\(suffix)" }
                shapes.append((name("weight_ih"), [gates, input]))
                shapes.append((name("weight_hh"), [gates, hiddenSize]))
                shapes.append((name("bias_ih"), [gates]))
                shapes.append((name("bias_hh"), [gates]))
                if kind == .peephole {
                    for tensor in ["weight_ci", "weight_cf", "weight_co"] { shapes.append((name(tensor), [hiddenSize])) }
                }
            }
        }
        shapes.append(("fc.weight", [n.classCount, width]))
        shapes.append(("fc.bias", [n.classCount]))
        return shapes
    }

    /// Parameters in the network.
    public var parameterCount: Int {
        expectedTensorShapes.reduce(0) { $0 + $1.shape.reduce(1, *) }
    }

    /// Bytes a training run holds for each parameter: its value, its gradient, Adam's two
    /// moments and the best epoch's copy, four bytes each.
    public static let trainingBytesPerParameter = 20

    /// Why this network cannot be trained in `memory` bytes, or nil if its parameters fit.
    /// The bounds on each size (`maximumWidth`, `maximumLayers`) do not bound their product:
    /// 16 layers of width 4096 hold 6.3 billion parameters, which would otherwise end in
    /// the kernel's out-of-memory kill part-way through allocating.
    public func trainingMemoryProblem(memory: UInt64) -> String? {
        let needed = Double(parameterCount) * Double(Self.trainingBytesPerParameter)
        guard needed > Double(memory) else { return nil }
        func gibibytes(_ bytes: Double) -> String {
            let tenths = (bytes / 1_073_741_824 * 10).rounded()
            return "\(Int(tenths) / 10).\(Int(tenths) % 10) GiB"
        }
        return "the network has \(grouped(parameterCount)) parameters: training it needs about \(gibibytes(needed)) for "
            + "weights, gradients and Adam's moments, more than this machine's \(gibibytes(Double(memory))) of memory "
            + "(choose a smaller --hidden, --layers, --embedding-dim or --max-vocab)"
    }

    /// Throws if any size is out of range (e.g. a config read from a damaged file).
    public func validate() throws {
        func check(_ ok: Bool, _ what: String) throws {
            if !ok { throw ClassifierConfigError(description: "invalid classifier config: \(what)") }
        }
        try check(vocabularySize >= 2, "vocabularySize \(vocabularySize) < 2 (needs <pad> and <unk>)")
        try check((1...Self.maximumWidth).contains(embeddingDim), "embeddingDim \(embeddingDim) outside 1...\(Self.maximumWidth)")
        try check((1...Self.maximumWidth).contains(hiddenSize), "hiddenSize \(hiddenSize) outside 1...\(Self.maximumWidth)")
        try check((1...Self.maximumLayers).contains(layers), "layers \(layers) outside 1...\(Self.maximumLayers)")
        try check(directions == 1 || directions == 2, "directions \(directions) (must be 1 or 2)")
        try check(classCount >= 2, "classCount \(classCount) < 2")
        try check(dropout >= 0 && dropout < 1, "dropout \(dropout) outside [0, 1)")
    }
}

/// A classifier configuration that cannot be built.
public struct ClassifierConfigError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// The recurrent cell a classifier runs, as the command line names it (`--cell`).
public typealias CellKind = NN.CellKind
