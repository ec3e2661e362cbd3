import ArgumentParser
import Pipeline


/// `--classes a,b[,…]`: decide among some of the model's classes only.
struct ClassChoiceOptions: ParsableArguments {
    @Option(name: .customLong("classes"), help: ArgumentHelp(
        "Decide among these of the model's classes only (comma-separated); their probabilities are renormalized.",
        valueName: "a,b"))
    var names: String?

    /// The chosen classes of a model with `labels`, or nil without `--classes`.
    func subset(of labels: [String]) throws -> ClassSubset? {
        guard let names else { return nil }
        return try ClassSubset(
            names: names.split(separator: ",", omittingEmptySubsequences: false).map(String.init), modelLabels: labels)
    }
}
