import ArgumentParser
import Files
import Foundation
import Model

struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Average the weights of models fine-tuned from one starting model into one (a model soup).",
        discussion: """
            Writes to -o the mean of the models' weights, tensor by tensor: one model of the \
            same size and speed as each of them. Models fine-tuned from the same starting model \
            (train --init) with other seeds or data often average into a model better than \
            each, and averaging is only meaningful for such models; the models must have the \
            same network, tokenizer, classes and vocabulary. The result has no temperature: \
            fit one with 'calibrate' on held-out rows. 'info' lists the ingredients.
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Where to write the averaged model.", valueName: "model.safetensors"))
    var output: String

    @Argument(help: ArgumentHelp("The models to average (at least two).", valueName: "model.safetensors"))
    var models: [String]

    func validate() throws {
        try OptionChecks.modelOutput(output)
        guard models.count >= 2 else { throw ValidationError("average needs at least two models, got \(models.count)") }
    }

    func run() throws {
        _ = try OutputTarget.checked(output, inputs: models)
        let soup = try ModelSoup.average(models.map { try loadModel($0) })
        try soup.write(to: URL(fileURLWithPath: output))
        let names = models.joined(separator: ", ")
        try StandardOutput.shared.write(keyValueLines([
            ("averaged", "\(models.count) models: \(names)"),
            ("wrote", output),
        ]))
    }
}
