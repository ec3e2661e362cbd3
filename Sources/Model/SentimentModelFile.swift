import Foundation
import NN
import Text
import Vocabulary

/// The model file: one `.safetensors` whose tensors carry PyTorch state-dict names
/// (`embedding.weight`, `lstm.weight_ih_l0`, …, `fc.bias`) and whose `__metadata__` holds
/// `format` = `sentiment.bilstm`, `version`, `config` (JSON `ModelConfiguration`),
/// `labels` (JSON array, class order) and `vocabulary` (tokens joined by `\n`, id order).
public struct SentimentModelFile {
    public static let formatName = "sentiment.bilstm"
    public static let formatVersion = "1"

    public var configuration: ModelConfiguration
    public var labels: [String]
    public var vocabulary: Vocabulary
    /// Parameter values by PyTorch name, in `configuration.network.expectedTensorShapes` order.
    public var tensors: [SafetensorsTensor]

    public init(configuration: ModelConfiguration, labels: [String], vocabulary: Vocabulary, tensors: [SafetensorsTensor]) {
        self.configuration = configuration
        self.labels = labels
        self.vocabulary = vocabulary
        self.tensors = tensors
    }

    /// A file for `classifier`'s current weights, stored as `configuration.storage`.
    public init(classifier: Classifier, configuration: ModelConfiguration, labels: [String], vocabulary: Vocabulary) {
        self.configuration = configuration
        self.labels = labels
        self.vocabulary = vocabulary
        tensors = classifier.parameters.map {
            SafetensorsTensor(name: $0.name, storage: configuration.storage, shape: $0.shape, values: $0.value)
        }
    }

    // MARK: Writing

    public func safetensors() -> SafetensorsFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let config = String(decoding: (try? encoder.encode(configuration)) ?? Data("{}".utf8), as: UTF8.self)
        let labelsJSON = String(decoding: (try? encoder.encode(labels)) ?? Data("[]".utf8), as: UTF8.self)
        return SafetensorsFile(
            metadata: [
                "format": Self.formatName,
                "version": Self.formatVersion,
                "config": config,
                "labels": labelsJSON,
                "vocabulary": vocabulary.tokens.joined(separator: "\n"),
            ],
            tensors: tensors)
    }

    /// Writes atomically (temporary file, then rename).
    public func write(to url: URL) throws {
        try safetensors().write(to: url)
    }

    // MARK: Reading

    /// Reads and validates a model file.
    public static func read(contentsOf url: URL) throws -> SentimentModelFile {
        try decode(SafetensorsFile.read(contentsOf: url), file: url.relativePath)
    }

    /// Validates a parsed safetensors file as a model; `file` names it in errors.
    public static func decode(_ safetensors: SafetensorsFile, file: String) throws -> SentimentModelFile {
        func fail(_ problem: ModelFileError.Problem) -> ModelFileError {
            ModelFileError(file: file, problem: problem)
        }
        let metadata = safetensors.metadata
        guard metadata["format"] == formatName else { throw fail(.unknownFormat(metadata["format"])) }
        guard let version = metadata["version"] else {
            throw fail(.badMetadata(key: "version", detail: "missing"))
        }
        guard version == formatVersion else { throw fail(.unsupportedVersion(version)) }

        guard let configText = metadata["config"] else { throw fail(.badMetadata(key: "config", detail: "missing")) }
        let configuration: ModelConfiguration
        do {
            configuration = try JSONDecoder().decode(ModelConfiguration.self, from: Data(configText.utf8))
        } catch let error as ModelConfigurationError {
            throw fail(.badMetadata(key: "config", detail: error.description))
        } catch {
            throw fail(.badMetadata(key: "config", detail: "not a valid model configuration (\(decodingSummary(error)))"))
        }
        try validate(configuration, fail: fail)

        guard let labelsText = metadata["labels"],
              let labels = try? JSONDecoder().decode([String].self, from: Data(labelsText.utf8))
        else { throw fail(.badMetadata(key: "labels", detail: "expected a JSON array of strings")) }
        guard labels.count == configuration.network.classCount else {
            throw fail(.badMetadata(key: "labels", detail: "\(labels.count) labels for \(configuration.network.classCount) classes"))
        }
        guard Set(labels).count == labels.count else {
            throw fail(.badMetadata(key: "labels", detail: "duplicate label names"))
        }

        guard let vocabularyText = metadata["vocabulary"] else {
            throw fail(.badMetadata(key: "vocabulary", detail: "missing"))
        }
        // Checked on the UTF-8 bytes, one pass, no String per token: a cold start's
        // largest cost after the embedding table, for an 80k-token model.
        var vocabularyBytes = vocabularyText
        let vocabulary: Vocabulary
        do {
            vocabulary = try vocabularyBytes.withUTF8 { try Vocabulary(validatingLines: $0) }
        } catch let error as VocabularyError {
            switch error.reason {
            case .reservedToken, .tooSmall:
                throw fail(.badMetadata(key: "vocabulary", detail: "must start with <pad> and <unk>"))
            case .duplicateToken, .misplacedReservedToken:
                throw fail(.badMetadata(key: "vocabulary", detail: "duplicate tokens"))
            default:
                throw fail(.badMetadata(key: "vocabulary", detail: "\(error)"))
            }
        }
        guard vocabulary.count == configuration.network.vocabularySize else {
            throw fail(.badMetadata(key: "vocabulary", detail: "\(vocabulary.count) tokens for vocabulary size \(configuration.network.vocabularySize)"))
        }

        var byName: [String: SafetensorsTensor] = [:]
        for tensor in safetensors.tensors { byName[tensor.name] = tensor }
        var ordered: [SafetensorsTensor] = []
        for (name, shape) in configuration.network.expectedTensorShapes {
            guard let tensor = byName.removeValue(forKey: name) else { throw fail(.missingTensor(name)) }
            guard tensor.shape == shape else { throw fail(.wrongShape(tensor: name, expected: shape, found: tensor.shape)) }
            guard tensor.allFinite else {
                throw fail(.badMetadata(key: name, detail: "tensor holds NaN or infinite values"))
            }
            ordered.append(tensor)
        }
        if let extra = byName.keys.sorted().first { throw fail(.unexpectedTensor(extra)) }
        return SentimentModelFile(configuration: configuration, labels: labels, vocabulary: vocabulary, tensors: ordered)
    }

    /// Limits that keep a corrupted config from asking for absurd allocations (names and
    /// directions were checked as it was decoded).
    private static func validate(_ configuration: ModelConfiguration, fail: (ModelFileError.Problem) -> ModelFileError) throws {
        func check(_ ok: Bool, _ detail: String) throws {
            if !ok { throw fail(.badMetadata(key: "config", detail: detail)) }
        }
        let c = configuration.network
        try check((2...50_000_000).contains(c.vocabularySize), "vocabulary size \(c.vocabularySize)")
        try check((1...4096).contains(c.embeddingDim), "embedding dim \(c.embeddingDim)")
        try check((1...4096).contains(c.hiddenSize), "hidden size \(c.hiddenSize)")
        try check((1...16).contains(c.layers), "\(c.layers) layers")
        try check((2...10_000).contains(c.classCount), "\(c.classCount) classes")
        try check(c.dropout >= 0 && c.dropout < 1, "dropout \(c.dropout)")
        try check(configuration.maxLength.map { $0 >= 1 } ?? true, "max length \(configuration.maxLength ?? 0)")
        try check(configuration.temperature.isFinite && configuration.temperature > 0, "temperature \(configuration.temperature)")
    }

    /// Rebuilds the classifier with these weights. Tensors still in the file's float16
    /// bytes stay there (deferred): a prediction widens only the embedding rows it uses.
    public func makeClassifier() -> Classifier {
        let classifier = Classifier(config: configuration.network, weights: [:])
        for tensor in tensors {
            guard let parameter = classifier.parameter(named: tensor.name) else { continue }
            if let deferred = tensor.deferredValues {
                parameter.assign(deferred: deferred)
            } else {
                parameter.value = tensor.values
            }
        }
        classifier.temperature = configuration.temperature
        return classifier
    }
}

/// One line about a JSONDecoder error: which key, what was wrong.
func decodingSummary(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
        let prefix = path(context)
        return "missing '\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "wrong type at '\(path(context))'"
    case .dataCorrupted(let context):
        return path(context).isEmpty ? "not JSON" : "bad value at '\(path(context))'"
    @unknown default:
        return "\(error)"
    }
}
