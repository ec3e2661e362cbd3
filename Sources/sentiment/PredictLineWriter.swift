import Model
import Pipeline

/// Formats `predict`'s lines (and those of `sentiment TEXT…`).
struct PredictLineWriter {
    let format: ResultFormat
    let labels: [String]
    let echo: Bool
    let threshold: Float?

    func line(_ text: String, _ prediction: Prediction?) -> String {
        if format == .jsonl {
            let members = (echo ? [("text", jsonString(text))] : [])
                + FieldFormatting.predictionMembers(prediction, labels: labels, threshold: threshold)
            return FieldFormatting.object(members) + "\n"
        }
        var fields = ["", ""]
        if let prediction {
            fields = [FieldFormatting.shownLabel(prediction, threshold: threshold) ?? "",
                      FieldFormatting.decimal(prediction.confidence)]
        }
        if echo { fields.append(text) }
        return FieldFormatting.row(fields, .tsv) + "\n"
    }
}
