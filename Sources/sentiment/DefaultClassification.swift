import Foundation

/// `sentiment TEXT…`: classify the arguments with the default model.
func classifyArguments(_ texts: [String]) throws {
    throw UsageError(description: "classification is not built yet (issue 5)")
}
