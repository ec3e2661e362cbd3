import Model

/// One row of a direction's gate trace, per token: a gate's mean activation over the
/// hidden units (0…1), or a state's norm (0…).
struct GateRow {
    /// The JSON key: `input`, `forget`, `output`, `reset`, `update`, `cell_norm`, `hidden_norm`.
    let key: String
    let values: [Float]

    var isNorm: Bool { key.hasSuffix("_norm") }

    /// For row labels: `forget`, `‖c‖`, `‖h‖`.
    var shortName: String {
        switch key {
        case "cell_norm": return "‖c‖"
        case "hidden_norm": return "‖h‖"
        default: return key
        }
    }
}

extension GateTraceSeries {
    /// The rows this direction's cell has, in one order for every format: the gates
    /// (LSTMs: input, forget, output; GRU: reset, update), then ‖c‖ (LSTMs), then ‖h‖.
    var rows: [GateRow] {
        let optional: [(String, [Float]?)] = [
            ("input", input), ("forget", forget), ("output", output), ("reset", reset), ("update", update),
            ("cell_norm", cellNorm), ("hidden_norm", hiddenNorm),
        ]
        return optional.compactMap { key, values in values.map { GateRow(key: key, values: $0) } }
    }

    /// The per-unit arrays ([token][unit]) this cell has, under their JSON keys, in the
    /// same order as `rows`.
    var unitRows: [(key: String, values: [[Float]])] {
        guard let units else { return [] }
        let optional: [(String, [[Float]]?)] = [
            ("input", units.input), ("forget", units.forget), ("output", units.output), ("reset", units.reset),
            ("update", units.update), ("cell", units.cell), ("hidden", units.hidden),
        ]
        return optional.compactMap { key, values in values.map { (key, $0) } }
    }

    /// `fwd` or `rev`.
    var shortDirection: String { direction == "forward" ? "fwd" : "rev" }

    /// `L0 fwd`: how every format names a layer's direction.
    var shortName: String { "L\(layer) \(shortDirection)" }
}
