import NN
import Text

/// Why a model decided what it did about one text: how much each token pushed the
/// explained class's logit (integrated gradients), and what every recurrent direction's
/// gates did at each token. `sentiment explain` prints it as text, JSON or HTML.
public struct Explanation: Sendable {
    /// The text as given.
    public var text: String
    /// The tokens the model read, with their spans in `text` (nil span: not found as
    /// written). A text with no tokens reads as one `<unk>`.
    public var tokens: [TokenSpan]
    /// [token] true where the token is not in the model's vocabulary, so the model read
    /// it as `<unk>` (one embedding for every such word, emoji or name).
    public var unknown: [Bool]
    /// [token] for a word the model read in place of an emoji its vocabulary lacks (the
    /// tokenizer option `emojiNames`), that emoji; nil otherwise. The words of one emoji
    /// share its span.
    public var emoji: [String?]
    /// [token] for a token read as another spelling its vocabulary holds (a stretched word
    /// shortened, `shortenElongations`; an emoticon read as its family's plain face,
    /// `emoticonFamilies`), the token as the tokenizer gave it (`amaaazing`, `:-(`); nil
    /// otherwise. `tokens` holds the spelling read.
    public var written: [String?]
    /// True when the text was longer than the model's limit and its middle was dropped
    /// (`tokens` lists only what the model read).
    public var truncated: Bool
    /// The model's class names, and the calibrated probabilities of each.
    public var labels: [String]
    public var probabilities: [Float]
    /// The predicted class, and the class whose logit is explained (the predicted one
    /// unless asked otherwise).
    public var predictedClass: Int
    public var explainedClass: Int
    /// [token] integrated-gradients attribution to the explained class's logit: positive
    /// pushed toward it.
    public var attributions: [Float]
    /// The explained logit for the text and for the baseline (every embedding zero).
    public var logit: Float
    public var baselineLogit: Float
    /// |Σ attributions − (logit − baselineLogit)| / max(|logit − baselineLogit|, Σ|attributions|):
    /// how far the quadrature is from completeness (0 is exact), relative to the larger of
    /// the logit change and the attributions' total mass (the change alone can be near 0
    /// while tokens push hard both ways).
    public var completenessError: Double
    /// Quadrature nodes of the path integral.
    public var steps: Int
    public var cell: CellKind
    /// One per layer and direction, layer by layer, forward first.
    public var gates: [GateTraceSeries]
}

/// What one direction of one layer did at each token.
public struct GateTraceSeries: Sendable {
    public var layer: Int
    /// `forward` or `reverse`.
    public var direction: String
    /// [token] mean over hidden units of each gate this cell has (nil otherwise): the
    /// LSTMs' input, forget and output gates, the GRU's reset and update gates.
    public var input: [Float]?
    public var forget: [Float]?
    public var output: [Float]?
    public var reset: [Float]?
    public var update: [Float]?
    /// [token] ‖c_t‖ (LSTMs only) and ‖h_t‖.
    public var cellNorm: [Float]?
    public var hiddenNorm: [Float]
    /// [token][unit] the full arrays, when asked for (`--units`).
    public var units: GateUnits?
}

/// Per-unit values, [token][unit], of the same fields as `GateTraceSeries`.
public struct GateUnits: Sendable {
    public var input: [[Float]]?
    public var forget: [[Float]]?
    public var output: [[Float]]?
    public var reset: [[Float]]?
    public var update: [[Float]]?
    public var cell: [[Float]]?
    public var hidden: [[Float]]
}
