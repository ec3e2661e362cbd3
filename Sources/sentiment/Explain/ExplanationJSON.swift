import Model

/// `explain --format json`: one object per text, one per line (JSON Lines), with its keys
/// always in this order (README's "sentiment explain" section is the contract):
///
/// `text`, `tokens` ([{`token`, `start`, `end`, `unknown`, `emoji` only for a word the
/// model read in place of an emoji its vocabulary lacks: that emoji, and `written` only for
/// a token read as another spelling (`token`): the token as written}], Unicode scalar
/// offsets, null when the token is not found as written; `unknown` true when the model's
/// vocabulary lacks it and it was read as `<unk>`), `label`, `probabilities` ({label: p}), `explained_class`,
/// `attributions`, `logit`, `baseline_logit`, `completeness_error`, `steps`, `cell`,
/// `truncated`, `gates` ([{`layer`, `direction`, then the cell's own of `input`, `forget`,
/// `output`, `reset`, `update`, `cell_norm`, and `hidden_norm`; `units` with `--units`}]).
///
/// Probabilities have 4 decimals, as `predict` prints them; every other number is the
/// shortest decimal that reads back as the same Float32 (Double for
/// `completeness_error`), so attributions can be summed and checked. A blank text has
/// no prediction: null label, probabilities and numbers, empty arrays.
struct ExplanationJSONWriter: ExplanationWriter {
    let model: ExplainedModel
    /// Whether `--units` asked for the per-unit arrays.
    let units: Bool

    func entry(_ text: String, _ explanation: Explanation?, index: Int) -> String {
        guard let explanation else {
            return FieldFormatting.object([
                ("text", jsonString(text)), ("tokens", "[]"), ("label", "null"), ("probabilities", "null"),
                ("explained_class", "null"), ("attributions", "[]"), ("logit", "null"), ("baseline_logit", "null"),
                ("completeness_error", "null"), ("steps", "null"), ("cell", jsonString(model.cell)),
                ("truncated", "false"), ("gates", "[]"),
            ]) + "\n"
        }
        let tokens = explanation.tokens.indices.map { time in
            let span = explanation.tokens[time]
            return FieldFormatting.object([
                ("token", jsonString(span.token)),
                ("start", span.range.map { String($0.lowerBound) } ?? "null"),
                ("end", span.range.map { String($0.upperBound) } ?? "null"),
                ("unknown", explanation.unknown[time] ? "true" : "false"),
            ] + (explanation.emoji[time].map { [("emoji", jsonString($0))] } ?? [])
              + (explanation.written[time].map { [("written", jsonString($0))] } ?? []))
        }
        let probabilities = zip(explanation.labels, explanation.probabilities).map { ($0, FieldFormatting.decimal($1)) }
        return FieldFormatting.object([
            ("text", jsonString(text)),
            ("tokens", "[" + tokens.joined(separator: ",") + "]"),
            ("label", jsonString(explanation.predictedLabel)),
            ("probabilities", FieldFormatting.object(probabilities)),
            ("explained_class", jsonString(explanation.explainedLabel)),
            ("attributions", jsonArray(explanation.attributions)),
            ("logit", jsonNumber(explanation.logit)),
            ("baseline_logit", jsonNumber(explanation.baselineLogit)),
            ("completeness_error", explanation.completenessError.isFinite ? "\(explanation.completenessError)" : "null"),
            ("steps", String(explanation.steps)),
            ("cell", jsonString(explanation.cell.rawValue)),
            ("truncated", explanation.truncated ? "true" : "false"),
            ("gates", "[" + explanation.gates.map(gateObject).joined(separator: ",") + "]"),
        ]) + "\n"
    }

    private func gateObject(_ series: GateTraceSeries) -> String {
        var members = [("layer", String(series.layer)), ("direction", jsonString(series.direction))]
        members += series.rows.map { ($0.key, jsonArray($0.values)) }
        if units {
            members.append(("units", FieldFormatting.object(series.unitRows.map { key, values in
                (key, "[" + values.map(jsonArray).joined(separator: ",") + "]")
            })))
        }
        return FieldFormatting.object(members)
    }
}

/// The shortest decimal that reads back as `value` (`0.1`, `1e-05`), null when not finite.
private func jsonNumber(_ value: Float) -> String {
    value.isFinite ? "\(value)" : "null"
}

private func jsonArray(_ values: [Float]) -> String {
    "[" + values.map(jsonNumber).joined(separator: ",") + "]"
}
