import ArgumentParser
import Model

/// The checks of numeric options that `train`, `predict` and the `bench` commands share, so that an
/// option is held to the same bounds, and worded the same way, wherever it appears:
/// "--hidden must be at least 1, not -3". Each message names the value given: declare
/// the option with `parsing: .unconditional`, so that a negative number reaches
/// `validate()` as a value instead of being reported as a missing one.
enum OptionChecks {
    /// The largest batch accepted. Beyond it a batch's workspaces do not fit in memory,
    /// and a run aborted on allocation instead of saying why. The network's sizes are held
    /// to the model's own limits (`ClassifierConfig.maximumWidth`, `maximumLayers`), as a
    /// model file is.
    static let maximumBatchSize = 65_536
    /// Tokens kept per text (`--max-length`); 0 means no limit.
    static let maximumMaxLength = 100_000

    /// At least 1 and, when `maximum` is given, at most that.
    static func positive(_ value: Int, _ name: String, atMost maximum: Int? = nil) throws {
        if value < 1 { throw ValidationError("--\(name) must be at least 1, not \(value)") }
        if let maximum, value > maximum { throw ValidationError("--\(name) must be at most \(maximum), not \(value)") }
    }

    /// A finite number for which `isValid` holds; `rule` says which ("in [0, 1)").
    static func number(_ value: Float, _ name: String, _ rule: String, _ isValid: (Float) -> Bool) throws {
        // inf and nan pass many range checks (inf > 0) and would end as NaN weights.
        guard value.isFinite, isValid(value) else {
            throw ValidationError("--\(name) must be \(rule), not \(value)")
        }
    }

    /// The network's shape and dropout, which `train` and `bench engine` both take.
    static func network(hidden: Int, layers: Int, directions: Int, embeddingDim: Int?, dropout: Float) throws {
        try positive(hidden, "hidden", atMost: ClassifierConfig.maximumWidth)
        try positive(layers, "layers", atMost: ClassifierConfig.maximumLayers)
        if directions != 1 && directions != 2 { throw ValidationError("--directions must be 1 or 2, not \(directions)") }
        if let embeddingDim { try positive(embeddingDim, "embedding-dim", atMost: ClassifierConfig.maximumWidth) }
        try number(dropout, "dropout", "in [0, 1)", { $0 >= 0 && $0 < 1 })
    }

    static func batchSize(_ value: Int, _ name: String = "batch-size") throws {
        try positive(value, name, atMost: maximumBatchSize)
    }

    /// `-o` of a command that writes a model: `-` is standard output elsewhere, but a
    /// model is binary, and a file named `-` would surprise.
    static func modelOutput(_ path: String) throws {
        if path == "-" { throw ValidationError("-o -: a model is a binary file and is not written to standard output; give a file name") }
    }

    static func minCount(_ value: Int) throws {
        try positive(value, "min-count")
    }

    /// A vocabulary size limit counts <pad> and <unk>, so it keeps at least one token of the
    /// data. One rule for `train --max-vocab` and `vocab build --max-vocab`.
    static func maxVocabulary(_ value: Int) throws {
        if value < 3 {
            throw ValidationError("--max-vocab must be at least 3 (<pad>, <unk> and one token), not \(value)")
        }
    }

    /// 0 (no limit) or a token count up to `maximumMaxLength`.
    static func maxLength(_ value: Int) throws {
        if value < 0 { throw ValidationError("--max-length must be 0 (no limit) or more, not \(value)") }
        if value > maximumMaxLength { throw ValidationError("--max-length must be at most \(maximumMaxLength), not \(value)") }
    }
}
