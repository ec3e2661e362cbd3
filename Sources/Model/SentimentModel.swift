import CDefaultModel
import Foundation
import Text
import Vocabulary

/// A trained model as loaded from a `.safetensors` file: encoder, classifier, labels.
///
/// `probabilities(for:)` may be called from several threads; calls are serialized on
/// the one classifier (which is not reentrant).
public final class SentimentModel {
    /// What errors and `info` call the model linked into the binary.
    public static let embeddedName = "<embedded default model>"

    /// Class names in class order.
    public let labels: [String]
    /// Hex digest of the file's bytes: identifies the model in the prediction cache.
    /// Computed on first use (a run without the cache never needs it: 2 ms of a cold
    /// start for the 9 MB default model).
    public var fingerprint: String {
        fingerprintLock.lock()
        defer { fingerprintLock.unlock() }
        switch fingerprintState {
        case .known(let digest):
            return digest
        case .pending(let bytes):
            let digest = bytes.digest
            fingerprintState = .known(digest)
            return digest
        }
    }
    private enum Fingerprint { case known(String), pending(ModelBytes) }
    private var fingerprintState: Fingerprint
    private let fingerprintLock = NSLock()
    public let encoder: TextEncoder
    public let classifier: Classifier
    public let configuration: ModelConfiguration
    /// The file path, or `embeddedName`.
    public let source: String
    /// Size of the model file in bytes.
    public let fileSize: Int

    private let lock = NSLock()

    convenience init(file: SentimentModelFile, fingerprint: String, source: String, fileSize: Int) {
        self.init(file: file, fingerprintState: .known(fingerprint), source: source, fileSize: fileSize)
    }

    private init(file: SentimentModelFile, fingerprintState: Fingerprint, source: String, fileSize: Int) {
        labels = file.labels
        configuration = file.configuration
        self.fingerprintState = fingerprintState
        self.source = source
        self.fileSize = fileSize
        encoder = TextEncoder(
            tokenizer: Tokenizer(options: file.configuration.tokenizer),
            vocabulary: file.vocabulary,
            maxLength: file.configuration.maxLength)
        classifier = file.makeClassifier()
    }

    /// Loads and validates a model file; errors name the file (as the URL was made: a
    /// relative path stays relative, as the user gave it) and the problem.
    public static func load(contentsOf url: URL) throws -> SentimentModel {
        try load(bytes: ModelBytes.read(contentsOf: url), source: url.relativePath)
    }

    /// The default English model linked into this binary.
    public static func embeddedDefault() throws -> SentimentModel {
        guard let bytes = embeddedBytes else {
            throw ModelFileError(file: embeddedName, problem: .unreadable("this build embeds no default model; pass --model FILE"))
        }
        return try load(bytes: ModelBytes(permanent: bytes), source: embeddedName)
    }

    /// The embedded default's `fingerprint` without decoding it (nil when the build
    /// embeds none): what the prediction cache knows it by.
    public static var embeddedDefaultFingerprint: String? {
        embeddedBytes.map(contentDigest)
    }

    /// The model file linked into the binary (static storage, never freed).
    static var embeddedBytes: UnsafeRawBufferPointer? {
        let size = sentiment_default_model_size()
        guard size > 0, let start = sentiment_default_model_bytes() else { return nil }
        return UnsafeRawBufferPointer(start: start, count: size)
    }

    /// Whether this build has a default model linked in.
    public static var hasEmbeddedDefault: Bool { sentiment_default_model_size() > 0 }

    /// Decodes and validates a model file's bytes; `source` names it in errors.
    public static func load(bytes: ModelBytes, source: String) throws -> SentimentModel {
        let file = try SentimentModelFile.decode(SafetensorsFile.parse(bytes, file: source), file: source)
        return SentimentModel(file: file, fingerprintState: .pending(bytes), source: source, fileSize: bytes.count)
    }

    /// Token ids of `text` (never empty). Thread-safe.
    public func encode(_ text: String) -> [Int32] {
        encoder.encode(text)
    }

    /// The vocabulary the model was trained with.
    public var vocabulary: Vocabulary { encoder.vocabulary }

    /// Class probabilities for each encoded text (each non-empty), in input order.
    /// Texts are grouped by length into batches so little work goes to padding.
    public func probabilities(for encoded: [[Int32]], batchSize: Int = 256) -> [[Float]] {
        lock.lock()
        defer { lock.unlock() }
        return classifyEncoded(encoded, with: classifier, batchSize: batchSize)
    }

    /// Encodes and classifies texts: probabilities in input order.
    public func probabilities(forTexts texts: [String]) -> [[Float]] {
        probabilities(for: texts.map(encoder.encode))
    }
}
