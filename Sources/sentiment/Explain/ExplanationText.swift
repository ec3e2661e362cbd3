import Foundation
import Model

/// `explain --format text`.
///
/// On a terminal without NO_COLOR, for each text: the text with each token's background
/// colored by its attribution (`AttributionColor`), the prediction, and a grid with the
/// tokens on top and one sparkline row per gate and state norm of each layer and
/// direction (`L0 fwd forget`), wrapped to the terminal's width. Anywhere else, plain
/// tab-separated rows with no escape codes: `#` lines with the text and the prediction, a
/// header line, then one row per token.
struct ExplanationTextWriter: ExplanationWriter {
    enum Style: Equatable {
        case plain
        /// ANSI escapes: 24-bit colors, or the 256-color palette's nearest.
        case colored(trueColor: Bool)
    }

    let model: ExplainedModel
    let style: Style
    /// Columns the grid may use before it wraps.
    let width: Int

    /// The style for standard output as it is now (after any `-o`): colors only on a
    /// terminal, and never with NO_COLOR set (https://no-color.org: any non-empty value).
    static func styleForStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        guard isatty(STDOUT_FILENO) == 1, (environment["NO_COLOR"] ?? "").isEmpty else { return .plain }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return .colored(trueColor: colorTerm.contains("truecolor") || colorTerm.contains("24bit"))
    }

    /// The terminal's width in columns (COLUMNS, else 100 when it cannot be asked).
    static func terminalColumns(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return environment["COLUMNS"].flatMap(Int.init).map { max($0, 40) } ?? 100
    }

    func entry(_ text: String, _ explanation: Explanation?, index: Int) -> String {
        let separator = index > 0 ? "\n" : ""
        switch style {
        case .plain: return separator + plainBlock(text, explanation)
        case .colored(let trueColor): return separator + ColoredBlock(model: model, trueColor: trueColor, width: width).render(text, explanation)
        }
    }

    // MARK: Plain rows

    /// The column names after token, start, end and attribution: `L0_fwd_input`, … for
    /// each layer and direction, in `GateTraceSeries.rows` order.
    static func gateColumns(_ explanation: Explanation) -> [String] {
        explanation.gates.flatMap { series in
            series.rows.map { "L\(series.layer)_\(series.shortDirection)_\($0.key)" }
        }
    }

    private func plainBlock(_ text: String, _ explanation: Explanation?) -> String {
        var lines = ["# text: " + FieldFormatting.tsvField(text)]
        guard let explanation else {
            lines.append("# label: none (blank text)")
            return lines.joined(separator: "\n") + "\n"
        }
        let probabilities = zip(explanation.labels, explanation.probabilities)
            .map { "\($0) \(FieldFormatting.decimal($1))" }.joined(separator: ", ")
        lines.append("# label: \(explanation.predictedLabel) (\(probabilities))")
        lines.append("# explained: \(explanation.explainedLabel); logit \(FieldFormatting.decimal(explanation.logit)), "
            + "baseline \(FieldFormatting.decimal(explanation.baselineLogit)), "
            + "attributions \(FieldFormatting.decimal(Float(explanation.attributionTotal))), "
            + "completeness error \(smallPercent(explanation.completenessError)), \(explanation.steps) steps")
        if explanation.truncated, let kept = model.truncationDescription {
            lines.append("# truncated: the model read \(kept)")
        }
        if let unknown = explanation.unknownTokensNote {
            lines.append("# unknown: \(unknown)")
        }
        if let named = explanation.emojiNamesNote {
            lines.append("# emoji: \(named)")
        }
        if let respelled = explanation.respelledNote {
            lines.append("# respelled: \(respelled)")
        }
        lines.append((["token", "start", "end", "attribution"] + Self.gateColumns(explanation)).joined(separator: "\t"))
        let rows = explanation.gates.flatMap(\.rows)
        for (time, span) in explanation.tokens.enumerated() {
            var fields = [FieldFormatting.tsvField(span.token), span.range.map { String($0.lowerBound) } ?? "",
                          span.range.map { String($0.upperBound) } ?? "", FieldFormatting.decimal(explanation.attributions[time])]
            fields += rows.map { FieldFormatting.decimal($0.values[time]) }
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `0.77%`, `0.0012%`: a small relative error with two significant digits; below
/// 0.001% (float rounding, not quadrature) `<0.001%`, and 0 as `0%`.
func smallPercent(_ fraction: Double) -> String {
    let percent = fraction * 100
    if percent > 0 && percent < 0.001 { return "<0.001%" }
    return String(format: "%.2g%%", percent)
}

// MARK: - The terminal's picture

/// One text drawn for a terminal with ANSI escapes.
private struct ColoredBlock {
    let model: ExplainedModel
    let trueColor: Bool
    let width: Int

    /// Tokens wider than this many columns are cut with `…` in the grid.
    private let widestCell = 12
    /// Columns kept free at the right of the grid for a norm row's scale (` 11.15`).
    private let scaleWidth = 7
    private static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    func render(_ text: String, _ explanation: Explanation?) -> String {
        guard let explanation else {
            return visible(text) + "\n" + dim("blank text: no prediction") + "\n"
        }
        var out = highlighted(text, explanation) + "\n"
        let probabilities = zip(explanation.labels, explanation.probabilities)
            .map { "\($0) \(FieldFormatting.decimal($1))" }.joined(separator: " · ")
        out += "predicted " + bold(explanation.predictedLabel) + "  " + dim(probabilities) + "\n"
        out += "explaining " + bold(explanation.explainedLabel) + ": logit \(FieldFormatting.decimal(explanation.logit))"
            + " − baseline \(FieldFormatting.decimal(explanation.baselineLogit))"
            + " ≈ Σ attributions \(FieldFormatting.decimal(Float(explanation.attributionTotal)))\n"
        out += swatch(AttributionColor(1, scale: 1)!) + " toward \(explanation.explainedLabel)  "
            + swatch(AttributionColor(-1, scale: 1)!) + " against it  "
            + dim("completeness error \(smallPercent(explanation.completenessError)), \(explanation.steps) steps") + "\n"
        if explanation.truncated, let kept = model.truncationDescription {
            out += dim("truncated: the model read \(kept)") + "\n"
        }
        if let unknown = explanation.unknownTokensNote {
            out += dim(unknown) + "\n"
        }
        if let named = explanation.emojiNamesNote {
            out += dim("emoji " + named) + "\n"
        }
        if let respelled = explanation.respelledNote {
            out += dim("respelled " + respelled) + "\n"
        }
        return out + "\n" + grid(explanation)
    }

    /// The text as given, each token's span on its attribution's color; the middle the
    /// model did not read (a truncated text) becomes a dim `…`.
    private func highlighted(_ text: String, _ explanation: Explanation) -> String {
        let scalars = Array(text.unicodeScalars)
        let scale = explanation.attributionScale
        return explanation.pieces(headTokens: model.headTokens).map { piece in
            switch piece {
            case .plain(let range): return visible(scalars[range])
            case .token(let time, let range):
                return painted(visible(scalars[range]), AttributionColor(explanation.shownAttribution(time), scale: scale))
            case .gap: return dim(" … ")
            }
        }.joined()
    }

    /// Tokens on top, then a sparkline row per gate and norm, wrapped to `width`.
    private func grid(_ explanation: Explanation) -> String {
        let rows = explanation.gates.flatMap { series in series.rows.map { (label: "\(series.shortName) \($0.shortName)", row: $0) } }
        let labelWidth = (rows.map { terminalWidth(of: $0.label) }.max() ?? 0) + 2
        let cells = explanation.tokens.map { fitted($0.token) }
        let scale = explanation.attributionScale
        var out = ""
        var start = 0
        while start < cells.count {
            // As many tokens as fit beside the labels (at least one).
            var end = start, used = 0
            while end < cells.count, end == start || used + 1 + cells[end].width <= width - labelWidth - scaleWidth {
                used += (end == start ? 0 : 1) + cells[end].width
                end += 1
            }
            let columns = start..<end
            out += String(repeating: " ", count: labelWidth) + columns.map { time in
                painted(cells[time].text, AttributionColor(explanation.attributions[time], scale: scale))
                    + String(repeating: " ", count: cells[time].width - terminalWidth(of: cells[time].text))
            }.joined(separator: " ") + "\n"
            for (label, row) in rows {
                let top = row.isNorm ? max(row.values.max() ?? 0, 1e-12) : 1
                out += dim(label) + String(repeating: " ", count: labelWidth - terminalWidth(of: label))
                out += columns.map { time in
                    String(repeating: Self.blocks[level(row.values[time] / top)], count: cells[time].width)
                }.joined(separator: " ")
                // A norm's scale: what █ stands for.
                out += (row.isNorm ? dim(" " + String(format: "%.2f", top)) : "") + "\n"
            }
            start = end
            if start < cells.count { out += "\n" }
        }
        let gates = explanation.gates.first?.rows.contains { !$0.isNorm } == true
            ? "gates: mean over \(model.hiddenSize) units, ▁ 0 to █ 1 · " : ""
        return out + dim(gates + "norms: ▁ 0 to █ the number at the row's end") + "\n"
    }

    /// 0…1 → one of the eight blocks.
    private func level(_ value: Float) -> Int {
        guard value.isFinite else { return 0 }
        return min(Self.blocks.count - 1, max(0, Int(value * Float(Self.blocks.count))))
    }

    /// A token as the grid shows it, cut to `widestCell` columns.
    private func fitted(_ token: String) -> (text: String, width: Int) {
        let shown = visible(token)
        let width = terminalWidth(of: shown)
        guard width > widestCell else { return (shown, max(width, 1)) }
        var cut = "", used = 0
        for character in shown {
            let next = terminalWidth(of: character)
            if used + next > widestCell - 1 { break }
            cut.append(character)
            used += next
        }
        return (cut + "…", used + 1)
    }

    // MARK: Escapes

    private func painted(_ text: String, _ color: AttributionColor?) -> String {
        guard let color else { return text }
        // White or near-black text: 24-bit, or the palette's 231 and 16.
        let foreground = trueColor ? (color.wantsLightText ? "38;2;255;255;255" : "38;2;17;24;39")
            : (color.wantsLightText ? "38;5;231" : "38;5;16")
        return "\u{1B}[" + background(color) + ";" + foreground + "m" + text + "\u{1B}[0m"
    }

    private func swatch(_ color: AttributionColor) -> String {
        "\u{1B}[" + background(color) + "m   \u{1B}[0m"
    }

    /// `48;2;r;g;b` (24-bit) or `48;5;n` (256 colors).
    private func background(_ color: AttributionColor) -> String {
        trueColor ? "48;2;\(color.red);\(color.green);\(color.blue)" : "48;5;\(color.palette256)"
    }

    private func bold(_ text: String) -> String { "\u{1B}[1m" + text + "\u{1B}[0m" }
    private func dim(_ text: String) -> String { "\u{1B}[2m" + text + "\u{1B}[0m" }
}

/// `text` safe to print on a terminal: control characters (an escape in the input
/// could recolor or move the cursor) become their visible pictures, `␛`; tabs and
/// newlines stay.
private func visible<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
    var out = String.UnicodeScalarView()
    for scalar in scalars {
        switch scalar.value {
        case 0x09, 0x0A: out.append(scalar)
        case 0..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: out.append("␡")
        case 0x80..<0xA0: out.append("\u{FFFD}")
        default: out.append(scalar)
        }
    }
    return String(out)
}

private func visible(_ text: String) -> String { visible(text.unicodeScalars) }

/// Terminal columns of `text`: 2 for wide characters (CJK, emoji), 0 for combining marks.
func terminalWidth(of text: String) -> Int {
    text.reduce(0) { $0 + terminalWidth(of: $1) }
}

func terminalWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    if scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) { return 2 }
    guard let first = scalars.first else { return 0 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    switch first.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
         0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}
