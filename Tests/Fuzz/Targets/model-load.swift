// Fuzz target: a whole model file, end to end: `SentimentModel.load(bytes:source:)`
// (safetensors, metadata, configuration, vocabulary, tensor shapes), then classifying
// two texts with whatever loaded.
import Foundation
@testable import Model

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelLoad(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(fuzzBytes(data, size))
    let model: SentimentModel
    do {
        model = try SentimentModel.load(bytes: ModelBytes(Data(bytes)), source: "fuzz.safetensors")
    } catch is ModelFileError {
        return 0
    } catch {
        fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
        return 0
    }
    let probabilities = model.probabilities(forTexts: ["a good film", ""])
    for row in probabilities {
        fuzzCheck(row.count == model.labels.count, "\(row.count) probabilities for \(model.labels.count) labels")
        // Weights near Float.greatestFiniteMagnitude are finite yet overflow the logits;
        // only finite rows have to be a distribution.
        guard row.allSatisfy(\.isFinite) else { continue }
        let sum = row.reduce(0, +)
        fuzzCheck(row.allSatisfy { $0 >= 0 && $0 <= 1 } && abs(sum - 1) < 1e-3, "probabilities \(row)")
    }
    return 0
}
