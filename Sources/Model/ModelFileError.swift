/// Why a model file could not be read or written. Always names the file, and where the
/// fix is not obvious, what to do.
public struct ModelFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        /// The file could not be opened or read (missing, a folder, no permission).
        case unreadable(String)
        /// The bytes are not a safetensors file at all.
        case notSafetensors(String)
        /// The file ends before the header says it should: `expected` bytes, `actual` present.
        case truncated(expected: Int, actual: Int)
        /// The safetensors header is malformed.
        case badHeader(String)
        /// The file is safetensors but not a `sentiment.bilstm` model.
        case unknownFormat(String?)
        /// A model written by a newer (or unknown) format version.
        case unsupportedVersion(String)
        /// A metadata entry is missing or malformed.
        case badMetadata(key: String, detail: String)
        case missingTensor(String)
        case unexpectedTensor(String)
        case wrongShape(tensor: String, expected: [Int], found: [Int])
    }

    /// The file's path, or `<embedded default model>`.
    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        "\(file): " + {
            switch problem {
            case .unreadable(let reason):
                return "cannot read model file: \(reason)"
            case .notSafetensors(let reason):
                return "not a safetensors model file (\(reason)); pass a model written by 'sentiment train'"
            case .truncated(let expected, let actual):
                return "model file is truncated: \(actual) bytes, the header promises \(expected); copy it again or retrain"
            case .badHeader(let detail):
                return "bad safetensors header: \(detail)"
            case .unknownFormat(let found):
                let what = found.map { "format '\($0)'" } ?? "no 'format' metadata"
                return "not a sentiment model (\(what), expected '\(SentimentModelFile.formatName)')"
            case .unsupportedVersion(let found):
                return "model format version \(found) is not supported (this build reads version \(SentimentModelFile.formatVersion)); use a newer sentiment or retrain"
            case .badMetadata(let key, let detail):
                return "bad '\(key)' metadata: \(detail)"
            case .missingTensor(let name):
                return "tensor '\(name)' is missing"
            case .unexpectedTensor(let name):
                return "unexpected tensor '\(name)' for this model's configuration"
            case .wrongShape(let tensor, let expected, let found):
                return "tensor '\(tensor)' has shape \(found), expected \(expected)"
            }
        }()
    }
}
