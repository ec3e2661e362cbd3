import Foundation
import Model

/// `explain --format html`: one self-contained page (inline CSS and SVG, a few lines of
/// inline script that only keep tooltips on screen; no network, no external font) with a
/// section per text: the text with each token highlighted by its attribution and its
/// numbers in a tooltip on hover (or keyboard focus), the probability of each class as a
/// bar, and an SVG heatmap per layer and direction: rows = the attribution, the gates and
/// the state norms, columns = tokens, with color scales and a legend.
struct ExplanationHTMLWriter: ExplanationWriter {
    let model: ExplainedModel

    func header() -> String {
        let directions = model.directions == 2 ? "bidirectional" : "forward-only"
        let shape = "\(directions) \(model.cell.uppercased()), \(model.layers) layer\(model.layers == 1 ? "" : "s") × \(model.hiddenSize) units"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>sentiment explain</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <header class="page">
            <h1>sentiment explain</h1>
            <p class="model">\(SVG.escaped(model.source)) · \(SVG.escaped(shape)) · classes \(SVG.escaped(model.labels.joined(separator: ", ")))</p>
            <div class="legends">
            <div class="legend">\(Self.attributionLegend)<span>each token is shaded by its <b>attribution</b>: how much it moved the explained class's logit (integrated gradients from an all-zero embedding). <b class="toward">Green</b> pushes toward the explained class, <b class="against">red</b> against it. Hover a token for its numbers.</span></div>
            <div class="legend">\(Self.gateLegend)<span>\(gateLegendText)</span></div>
            </div>
            </header>

            """
    }

    /// What the heatmaps' rows are, for this model's cell.
    private var gateLegendText: String {
        let norms = ["lstm", "peephole"].contains(model.cell)
            ? "the state norms ‖c‖ (cell) and ‖h‖ (hidden)" : "the hidden state's norm ‖h‖"
        let gates = model.cell == "rnn"
            ? "<b>heatmaps</b>: a simple RNN has no gates; "
            : "<b>gate heatmaps</b>: each gate's mean activation over the \(model.hiddenSize) units, 0 to 1; "
        return gates + norms + " on the same colors from 0 to the row's largest value, shown at its right."
    }

    func footer() -> String {
        """
        <footer>Made by <code>sentiment explain</code>. Attributions add up to logit − baseline logit, up to the completeness error shown.</footer>
        </main>
        <script>\(Self.script)</script>
        </body>
        </html>

        """
    }

    func entry(_ text: String, _ explanation: Explanation?, index: Int) -> String {
        guard let explanation else {
            return """
                <section class="card">
                <div class="card-head"><span class="number">\(index + 1)</span><span class="verdict muted">blank text: no prediction</span></div>
                </section>

                """
        }
        let predicted = explanation.predictedClass
        var out = """
            <section class="card">
            <div class="card-head"><span class="number">\(index + 1)</span><span class="verdict">predicted <span class="pill">\(SVG.escaped(explanation.predictedLabel))</span> \(percentage(explanation.probabilities[predicted]))</span>
            <span class="explained">explaining <b>\(SVG.escaped(explanation.explainedLabel))</b></span></div>
            <div class="card-body">
            <div class="reading">
            <div class="text">\(highlighted(text, explanation))</div>

            """
        if explanation.truncated, let maxLength = model.maxLength, let kept = model.truncationDescription {
            out += "<p class=\"note\">Longer than the model's \(maxLength) tokens: it read \(kept); the middle (…) was not read.</p>\n"
        }
        if let unknown = explanation.unknownTokensNote {
            out += "<p class=\"note\">\(SVG.escaped(unknown.prefix(1).uppercased() + unknown.dropFirst())) "
                + "(underlined with dots; the model has one embedding for every token it lacks).</p>\n"
        }
        if let named = explanation.emojiNamesNote {
            out += "<p class=\"note\">Emoji \(SVG.escaped(named)) (each colored by the sum of its words; the words are in italics in the heatmap).</p>\n"
        }
        if let respelled = explanation.respelledNote {
            out += "<p class=\"note\">Respelled \(SVG.escaped(respelled)); the heatmap shows the spelling read, in italics.</p>\n"
        }
        out += "<div class=\"bars\">\n"
        for (label, probability) in zip(explanation.labels, explanation.probabilities) {
            let isPredicted = label == explanation.predictedLabel
            out += "<div class=\"bar-row\(isPredicted ? " predicted" : "")\"><span class=\"bar-label\">\(SVG.escaped(label))</span>"
                + "<span class=\"bar-track\"><span class=\"bar-fill\" style=\"width:\(String(format: "%.1f", max(0, min(1, probability)) * 100))%\"></span></span>"
                + "<span class=\"bar-value\">\(percentage(probability))</span></div>\n"
        }
        let difference = Double(explanation.logit) - Double(explanation.baselineLogit)
        return out + """
            </div>
            <dl class="numbers">
            <dt>logit of \(SVG.escaped(explanation.explainedLabel))</dt><dd>\(signed(explanation.logit))</dd>
            <dt>baseline logit</dt><dd>\(signed(explanation.baselineLogit))</dd>
            <dt>difference</dt><dd>\(signed(Float(difference)))</dd>
            <dt>Σ attributions</dt><dd>\(signed(Float(explanation.attributionTotal)))</dd>
            <dt>completeness error</dt><dd>\(smallPercent(explanation.completenessError))</dd>
            <dt>steps</dt><dd>\(explanation.steps)</dd>
            </dl>
            </div>
            <figure class="heatmap">\(heatmap(explanation))</figure>
            </div>
            </section>


            """
    }

    // MARK: The highlighted text

    /// The text as given, each token's span a `<span class="tok">` with its color and a
    /// tooltip; the unread middle of a truncated text becomes `…`.
    private func highlighted(_ text: String, _ explanation: Explanation) -> String {
        let scalars = Array(text.unicodeScalars)
        let scale = explanation.attributionScale
        func plain(_ range: Range<Int>) -> String {
            SVG.escaped(String(String.UnicodeScalarView(scalars[range])))
        }
        return explanation.pieces(headTokens: model.headTokens).map { piece in
            switch piece {
            case .plain(let range): return plain(range)
            case .token(let time, let range):
                let color = AttributionColor(explanation.shownAttribution(time), scale: scale)
                let style = color.map { " style=\"background:\($0.hex);color:\($0.wantsLightText ? "#fff" : "#111827")\"" } ?? ""
                let kind = explanation.unknown[time] ? "tok unk" : "tok"
                return "<span class=\"\(kind)\" tabindex=\"0\"\(style)>\(plain(range))\(tooltip(time, explanation))</span>"
            case .gap: return "<span class=\"gap\" title=\"not read by the model\"> … </span>"
            }
        }.joined()
    }

    private func tooltip(_ time: Int, _ explanation: Explanation) -> String {
        let span = explanation.tokens[time]
        let attribution = explanation.shownAttribution(time)
        let total = explanation.attributions.reduce(0) { $0 + abs($1) }
        let share = total > 0 ? " · \(String(format: "%.0f", abs(attribution) / total * 100))% of the total push" : ""
        let direction = attribution >= 0 ? "toward" : "against"
        let head = explanation.emoji[time].map { "\($0) read as its name" }
            ?? explanation.written[time].map { "\($0) read as \(span.token)" } ?? span.token
        var out = "<span class=\"tip\" role=\"tooltip\"><span class=\"tip-head\"><b>\(SVG.escaped(head))</b>"
        if let range = span.range { out += " <span class=\"muted\">characters \(range.lowerBound)–\(range.upperBound)</span>" }
        if explanation.unknown[time] { out += " <span class=\"muted\">not in the vocabulary: read as &lt;unk&gt;</span>" }
        out += "</span><span class=\"tip-attr\">attribution <b>\(signed(attribution))</b> (\(direction) \(SVG.escaped(explanation.explainedLabel)))\(share)</span>"
        // A grid of spans, not a table: a tooltip lives inside a span, where only
        // phrasing content is allowed (a <table> would end the paragraph around it).
        let keys = explanation.gates.first?.rows.map(\.shortName) ?? []
        out += "<span class=\"tip-grid\" style=\"grid-template-columns:repeat(\(keys.count + 1),auto)\"><span></span>"
            + keys.map { "<span class=\"th\">\(SVG.escaped($0))</span>" }.joined()
        for series in explanation.gates {
            out += "<span class=\"th\">\(series.shortName)</span>"
                + series.rows.map { "<span>\(String(format: "%.2f", $0.values[time]))</span>" }.joined()
        }
        return out + "</span></span>"
    }

    // MARK: Heatmaps

    /// One SVG: columns = tokens (labelled on top, tilted when they do not fit); rows =
    /// the attribution (diverging, like the text), then for each layer and direction a
    /// titled group of its gates (0…1) and state norms (0…the row's largest).
    private func heatmap(_ explanation: Explanation) -> String {
        let tokens = explanation.tokens.map { SVG.elided($0.token, to: 14) }
        let count = tokens.count
        // Short texts get cells wide enough for their numbers; long ones shrink to 16 px
        // (the numbers then live in each cell's tooltip) and scroll.
        let cellWidth = max(16, min(44, (440 / Double(max(count, 1))).rounded(.down)))
        let cellHeight = 19.0, labelWidth = 92.0, rightWidth = 72.0, groupTitle = 22.0
        let widest = tokens.map(textWidth).max() ?? 0
        let tilted = widest > cellWidth - 4
        // A label tilted 45° rises 0.71 of its width, plus its letters' ascent.
        let top = tilted ? widest * 0.72 + 16 : 20
        let showValues = cellWidth >= 34
        func x(_ time: Int) -> Double { labelWidth + Double(time) * cellWidth }

        var body = ""
        // Token labels.
        // A word read in an emoji's place, or a spelling read for another, is set in
        // italics, with what was written in its tooltip.
        for (time, token) in tokens.enumerated() {
            let center = x(time) + cellWidth / 2
            let (kind, title) = explanation.emoji[time].map { ("col named", "<title>read for \(SVG.escaped($0))</title>") }
                ?? explanation.written[time].map { ("col named", "<title>written \(SVG.escaped($0))</title>") } ?? ("col", "")
            if tilted {
                body += "<text class=\"\(kind)\" x=\"\(SVG.number(center - 2))\" y=\"\(SVG.number(top - 6))\" transform=\"rotate(-45 \(SVG.number(center - 2)) \(SVG.number(top - 6)))\">\(title)\(SVG.escaped(token))</text>"
            } else {
                body += "<text class=\"\(kind)\" x=\"\(SVG.number(center))\" y=\"\(SVG.number(top - 6))\" text-anchor=\"middle\">\(title)\(SVG.escaped(token))</text>"
            }
        }
        // The attribution row.
        let scale = explanation.attributionScale
        var y = top
        body += rowLabel("attribution", y: y, height: cellHeight, width: labelWidth)
        for time in 0..<count {
            let value = explanation.attributions[time]
            let color = AttributionColor(value, scale: scale)
            body += cell(x: x(time), y: y, width: cellWidth, height: cellHeight,
                         fill: color?.hex ?? "#f3f4f6", lightText: color?.wantsLightText ?? false,
                         value: showValues ? String(format: "%+.2f", value) : nil,
                         title: "attribution at “\(tokens[time])”: \(signed(value))")
        }
        y += cellHeight
        // A group per layer and direction.
        for series in explanation.gates {
            y += 6
            body += "<text class=\"group\" x=\"0\" y=\"\(SVG.number(y + groupTitle - 7))\">layer \(series.layer) · \(series.direction)</text>"
            y += groupTitle
            for row in series.rows {
                let top = row.isNorm ? max(row.values.max() ?? 0, 1e-12) : 1
                let name = row.isNorm ? (row.key == "cell_norm" ? "cell ‖c‖" : "hidden ‖h‖") : row.key
                body += rowLabel(name, y: y, height: cellHeight, width: labelWidth)
                for time in 0..<count {
                    let value = row.values[time]
                    let t = Double(max(0, min(1, value / top)))
                    body += cell(x: x(time), y: y, width: cellWidth, height: cellHeight,
                                 fill: viridis(t), lightText: t < 0.55,
                                 value: showValues ? String(format: row.isNorm ? "%.1f" : "%.2f", value) : nil,
                                 title: "\(series.shortName) \(name) at “\(tokens[time])”: \(String(format: "%.4f", value))")
                }
                if row.isNorm {
                    body += "<text class=\"max\" x=\"\(SVG.number(x(count) + 6))\" y=\"\(SVG.number(y + cellHeight / 2 + 4))\">max \(String(format: "%.2f", top))</text>"
                }
                y += cellHeight
            }
        }
        // Wide enough for the norms' maxima and for the tilted labels' reach to the right.
        let reach = tilted ? tokens.indices.map { x($0) + cellWidth / 2 + textWidth(tokens[$0]) * 0.71 }.max() ?? 0 : 0
        let width = max(x(count) + rightWidth, reach + 4), height = y + 4
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"attributions and gate traces per token\">"
            + body + "</svg>"
    }

    private func rowLabel(_ name: String, y: Double, height: Double, width: Double) -> String {
        "<text class=\"row\" x=\"\(SVG.number(width - 8))\" y=\"\(SVG.number(y + height / 2 + 4))\" text-anchor=\"end\">\(SVG.escaped(name))</text>"
    }

    private func cell(x: Double, y: Double, width: Double, height: Double, fill: String, lightText: Bool,
                      value: String?, title: String) -> String {
        var out = "<g><title>\(SVG.escaped(title))</title><rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(width - 1))\" height=\"\(SVG.number(height - 1))\" rx=\"2\" fill=\"\(fill)\"/>"
        if let value {
            out += "<text class=\"val\" x=\"\(SVG.number(x + (width - 1) / 2))\" y=\"\(SVG.number(y + height / 2 + 3.5))\" text-anchor=\"middle\" fill=\"\(lightText ? "#fff" : "#111827")\">\(value)</text>"
        }
        return out + "</g>"
    }

    /// About how many pixels `text` takes at the labels' 12 px, sized for the widest font
    /// the page may fall back to (DejaVu Sans: about 7.5 px a letter on average, 11.7 for
    /// an m); 7 px a letter clipped "recommend".
    private func textWidth(_ text: String) -> Double {
        text.reduce(0) { $0 + (terminalWidth(of: $1) == 2 ? 15 : 8) }
    }

    // MARK: Page parts

    private static let style = """
        :root{--font:"Color Emoji",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#4f46e5;--page:#f4f5f7}
        *{box-sizing:border-box}
        @font-face{font-family:"Color Emoji";src:local("Apple Color Emoji"),local("Segoe UI Emoji"),local("Noto Color Emoji");unicode-range:U+200D,U+20E3,U+2600-27BF,U+2B00-2BFF,U+FE0F,U+1F000-1FAFF,U+E0020-E007F}
        body{margin:0;background:var(--page);color:var(--ink);font:15px/1.5 var(--font)}
        main{max-width:1120px;margin:0 auto;padding:22px 32px 36px}
        h1{font-size:24px;margin:0 0 4px;letter-spacing:-.01em}
        .model{margin:0 0 10px;color:var(--muted)}
        .legends{display:flex;flex-direction:column;gap:8px}
        .legend{display:flex;align-items:center;gap:14px;font-size:13px;color:#374151;max-width:860px}
        .legend svg{flex:none}
        b.toward{color:#15803d}b.against{color:#b91c1c}
        .card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:16px 26px 16px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
        .card-head{display:flex;align-items:center;gap:14px;margin-bottom:8px;font-size:14px}
        .number{width:26px;height:26px;border-radius:50%;background:#eef2ff;color:var(--accent);display:inline-flex;align-items:center;justify-content:center;font-weight:600;font-size:13px}
        .pill{background:var(--accent);color:#fff;border-radius:999px;padding:2px 10px;font-weight:600;margin:0 4px}
        .explained{margin-left:auto;color:var(--muted)}
        .muted{color:var(--muted)}
        .text{font-size:21px;line-height:1.85;margin:0 0 12px;overflow-wrap:anywhere}
        .tok{position:relative;border-radius:5px;padding:2px 3px;margin:0 -1px;box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:default;outline:none}
        .tok:hover,.tok:focus{box-shadow:0 0 0 2px var(--accent)}
        .tok.unk{text-decoration:underline dotted;text-underline-offset:3px}
        .gap{color:var(--muted)}
        .tip{display:none;position:absolute;left:0;top:calc(100% + 8px);z-index:10;width:max-content;max-width:360px;background:#111827;color:#f9fafb;border-radius:8px;padding:8px 10px;font-size:12.5px;line-height:1.45;box-shadow:0 6px 18px rgba(0,0,0,.22);white-space:normal}
        .tok:hover .tip,.tok:focus .tip{display:block}
        .tip .muted{color:#9ca3af}
        .tip-head,.tip-attr{display:block}
        .tip-grid{display:grid;gap:1px 10px;margin-top:5px;font-variant-numeric:tabular-nums;text-align:right}
        .tip-grid .th{color:#9ca3af}
        .note{font-size:13px;color:#92400e;background:#fffbeb;border:1px solid #fde68a;border-radius:6px;padding:6px 10px}
        .card-body{display:flex;flex-wrap:wrap;gap:16px 36px;align-items:flex-start}
        .reading{flex:1 1 360px;min-width:320px}
        .bars{margin:4px 0 12px;max-width:460px}
        .bar-row{display:grid;grid-template-columns:88px 1fr 56px;align-items:center;gap:10px;font-size:14px;margin:3px 0}
        .bar-label{color:#374151;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .bar-track{height:12px;background:#f3f4f6;border-radius:6px;overflow:hidden}
        .bar-fill{display:block;height:100%;background:#9ca3af;border-radius:6px}
        .predicted .bar-fill{background:var(--accent)}
        .predicted .bar-label,.predicted .bar-value{font-weight:600;color:var(--ink)}
        .bar-value{text-align:right;font-variant-numeric:tabular-nums}
        .numbers{display:grid;grid-template-columns:auto auto auto auto;gap:1px 14px;margin:0;font-size:13px;max-width:460px}
        .numbers dt{color:var(--muted);white-space:nowrap}
        .numbers dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
        .heatmap{margin:0;flex:0 1 auto;max-width:100%;overflow-x:auto}
        svg text{font-family:var(--font)}
        svg .col{font-size:12px;fill:#374151}
        svg .col.named{font-style:italic;fill:#92400e}
        svg .row{font-size:12px;fill:#4b5563}
        svg .val{font-size:10px;font-variant-numeric:tabular-nums}
        svg .max{font-size:11px;fill:var(--muted)}
        svg .group{font-size:12px;font-weight:600;fill:#374151}
        svg .tick{font-size:10.5px;fill:var(--muted)}
        footer{color:var(--muted);font-size:12.5px;margin-top:18px}
        """

    /// Keeps an open tooltip inside the window: it opens to the right of its token and
    /// moves left when that would leave the page.
    private static let script = """
        document.querySelectorAll('.tok').forEach(function(t){function fit(){var p=t.querySelector('.tip');p.style.left='0px';var r=p.getBoundingClientRect();if(r.right>innerWidth-8)p.style.left=(innerWidth-8-r.right)+'px';}t.addEventListener('mouseenter',fit);t.addEventListener('focus',fit);});
        """

    private static var attributionLegend: String {
        let strong = AttributionColor(-1, scale: 1)!, pale = AttributionColor(-Float(AttributionColor.threshold), scale: 1)!
        let paleGreen = AttributionColor(Float(AttributionColor.threshold), scale: 1)!, deep = AttributionColor(1, scale: 1)!
        return "<svg width=\"190\" height=\"34\" viewBox=\"0 0 190 34\"><defs><linearGradient id=\"attribution-scale\">"
            + "<stop offset=\"0\" stop-color=\"\(strong.hex)\"/><stop offset=\"0.47\" stop-color=\"\(pale.hex)\"/>"
            + "<stop offset=\"0.5\" stop-color=\"#ffffff\"/><stop offset=\"0.53\" stop-color=\"\(paleGreen.hex)\"/>"
            + "<stop offset=\"1\" stop-color=\"\(deep.hex)\"/></linearGradient></defs>"
            + "<rect x=\"5\" y=\"2\" width=\"180\" height=\"14\" rx=\"3\" fill=\"url(#attribution-scale)\" stroke=\"#d1d5db\"/>"
            + "<text class=\"tick\" x=\"5\" y=\"30\">against</text><text class=\"tick\" x=\"95\" y=\"30\" text-anchor=\"middle\">0</text>"
            + "<text class=\"tick\" x=\"185\" y=\"30\" text-anchor=\"end\">toward</text></svg>"
    }

    private static var gateLegend: String {
        let stops = (0...8).map { "<stop offset=\"\(Double($0) / 8)\" stop-color=\"\(viridis(Double($0) / 8))\"/>" }.joined()
        return "<svg width=\"190\" height=\"34\" viewBox=\"0 0 190 34\"><defs><linearGradient id=\"gate-scale\">\(stops)</linearGradient></defs>"
            + "<rect x=\"5\" y=\"2\" width=\"180\" height=\"14\" rx=\"3\" fill=\"url(#gate-scale)\"/>"
            + "<text class=\"tick\" x=\"5\" y=\"30\">0</text><text class=\"tick\" x=\"95\" y=\"30\" text-anchor=\"middle\">0.5</text>"
            + "<text class=\"tick\" x=\"185\" y=\"30\" text-anchor=\"end\">1</text></svg>"
    }
}

/// Matplotlib's viridis at `t` in 0…1 (nine stops, mixed linearly): dark violet to
/// yellow, ordered in lightness and readable by color-blind readers.
private func viridis(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
        (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
    ]
    let position = max(0, min(1, t)) * Double(stops.count - 1)
    let index = min(Int(position), stops.count - 2), f = position - Double(index)
    let (a, b) = (stops[index], stops[index + 1])
    func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
    return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// `+0.4321` / `−0.1234`
private func signed(_ value: Float) -> String {
    (value < 0 ? "−" : "+") + FieldFormatting.decimal(abs(value))
}

/// `94.2%`
private func percentage(_ probability: Float) -> String {
    String(format: "%.1f%%", probability * 100)
}
