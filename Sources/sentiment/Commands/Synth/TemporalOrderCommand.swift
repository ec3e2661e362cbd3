import ArgumentParser
import Files
import Model

/// `sentiment synth temporal-order --length L --count N --seed S -o FILE.tsv`
struct TemporalOrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temporal-order",
        abstract: "Hochreiter & Schmidhuber's (1997) temporal-order task: the class is the order of two markers far apart.",
        discussion: """
            Each sequence has --length tokens: distractors drawn uniformly from \
            \(TemporalOrderTask.distractors.joined(separator: " ")), and two markers, each \
            \(TemporalOrderTask.markers.joined(separator: " or ")), the first at a random \
            position in [0.1 L, 0.2 L] and the second in [0.5 L, 0.6 L] (0-based, rounded \
            down). The label is the markers in order: \
            \(TemporalOrderTask.classes.joined(separator: ", ")). XY and YX hold the same \
            tokens, so a bag of words cannot tell them apart (it reaches 75% at best), and no \
            single position decides: the model must carry the first marker to the second. \
            Writes a TSV corpus with a `label<TAB>text` header, classes balanced (within \
            one); the same options give the same file, byte for byte.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Tokens per sequence (\(TemporalOrderTask.minimumLength) to \(TemporalOrderTask.maximumLength)).", valueName: "L"))
    var length: Int = TemporalOrderTask.defaultLength

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of sequences (at most \(TemporalOrderTask.maximumCount)).", valueName: "N"))
    var count: Int = TemporalOrderTask.defaultCount

    @Option(parsing: .unconditional, help: ArgumentHelp("Random seed.", valueName: "S"))
    var seed: UInt64 = TemporalOrderTask.defaultSeed

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(
        "Where to write the corpus (- or none: standard output).", valueName: "file.tsv"))
    var output: String?

    func run() throws {
        // The task's parameters and the output path are checked before anything is written.
        let task = try TemporalOrderTask(length: length, count: count, seed: seed)
        let destination = output == "-" ? nil : output
        let outputFile = try destination.map { try OutputFile(OutputTarget.checked($0, inputs: [])) }
        var perClass = [String: Int]()
        do {
            if let outputFile { redirectStandardOutput(to: outputFile) }
            try StandardOutput.shared.write("label\ttext\n")
            for example in task {
                try StandardOutput.shared.write(example.label + "\t" + example.text + "\n")
                perClass[example.label, default: 0] += 1
            }
            try StandardOutput.shared.flush()
            try outputFile?.commit()
        } catch {
            outputFile?.discard()
            throw error
        }
        let counts = TemporalOrderTask.classes.map { "\($0) \(perClass[$0] ?? 0)" }.joined(separator: ", ")
        let first = task.firstMarkerPositions, second = task.secondMarkerPositions
        StandardError.writeLine(
            "temporal-order: \(count) sequences of \(length) tokens (\(counts)); markers at positions "
                + "\(first.lowerBound)–\(first.upperBound) and \(second.lowerBound)–\(second.upperBound)"
                + (destination.map { " → \($0)" } ?? ""))
    }
}
