import ArgumentParser
import Corpus
import Files
import Foundation
import Model
import Pipeline
import Store
import Vocabulary

/// An error the user can fix: bad input or bad usage. Exit status 2.
/// Library modules throw their own typed errors; this file is the one place that decides
/// which are the user's to fix (status 2) and which are runtime failures (status 1).
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// A failure of the machine or the environment, not of the user's input: status 1.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
}

extension Sentiment {
    /// Prints `error` as one line on stderr and exits with its status.
    static func exit(reporting error: Error) -> Never {
        if StandardOutput.isBrokenPipe(error) {
            Foundation.exit(0)
        }
        // A command that ends with a status of its own (an interrupted `train`: 130).
        if let code = error as? ExitCode {
            try? StandardOutput.shared.flush()
            Foundation.exit(code.rawValue)
        }
        // swift-argument-parser's own errors: help, version, parse and validation errors.
        if isArgumentParserError(error) {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                try? StandardOutput.shared.write(message + "\n")
                try? StandardOutput.shared.flush()
                Foundation.exit(0)
            }
            StandardError.writeLine(usageLine(message))
            Foundation.exit(2)
        }
        try? StandardOutput.shared.flush()
        StandardError.writeLine("sentiment: \(oneLine(error))")
        Foundation.exit(isUserError(error) ? 2 : 1)
    }

    /// ArgumentParser's message for a usage error ("Error: …", perhaps a list of allowed
    /// values, the usage, "See 'sentiment train --help' for more information.") as one
    /// line like every other error: `sentiment: --lr must be a positive number, not -1.0
    /// (see 'sentiment train --help')`.
    static func usageLine(_ message: String) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return "sentiment: usage error" }
        var first = lines.removeFirst()
        if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
        // "Please provide one of the following:" and the values, one per line.
        let values = lines.prefix { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        if first.hasSuffix(":"), !values.isEmpty { first += " " + values.joined(separator: ", ") }
        let help = lines.last { $0.contains("See '") }.flatMap { line -> String? in
            guard let start = line.range(of: "See '"), let end = line[start.upperBound...].firstIndex(of: "'") else { return nil }
            return String(line[start.upperBound..<end])
        }
        return "sentiment: \(first)" + (help.map { " (see '\($0)')" } ?? "")
    }

    private static func isArgumentParserError(_ error: Error) -> Bool {
        error is CleanExit || error is ValidationError || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// Errors caused by what the user gave us (files, flags, data): status 2. Any other
    /// error is a failure of the machine or the environment: status 1.
    static func isUserError(_ error: Error) -> Bool {
        switch error {
        case is UsageError, is CorpusError, is VocabularyError, is TrainingError, is VectorsFileError,
             is ModelFileError, is ModelSoupError, is PipelineError, is ClassSubsetError, is BenchDataError, is SyntheticDataError:
            return true
        case let error as StoreError:
            // A database the user can fix by choosing another path or clearing it.
            return error.isUserFixable
        case let error as OutputFileError:
            // An output path chosen badly (a folder, a missing folder, an input); a write
            // that fails on the way (a full disk) is a runtime failure.
            return error.isUserInputError
        case let error as DatasetCacheError:
            // A corpus the dataset cache cannot read is the user's (a wrong path), like the
            // same file read without the cache; a cache whose rows disagree with it is not.
            if case .unreadable = error { return true }
            return false
        default:
            return false
        }
    }

    private static func oneLine(_ error: Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
