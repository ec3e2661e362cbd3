import ArgumentParser
import Corpus

/// `--label-column` and `--text-column`, shared by every command that reads a labeled
/// corpus (`train`, `eval`, `calibrate`, `vocab build`): the columns of a TSV, CSV or
/// JSONL file when its header does not name them `label` and `text`, or it has none
/// (the readers' errors point to these options).
struct CorpusColumnOptions: ParsableArguments {
    @Option(name: .customLong("label-column"), help: ArgumentHelp(
        "The label column: a header name or a 1-based position (default: found by name).", valueName: "column"))
    var labelColumn: String?

    @Option(name: .customLong("text-column"), help: ArgumentHelp(
        "The text column: a header name or a 1-based position (default: found by name).", valueName: "column"))
    var textColumn: String?

    /// Read options for `format` with these columns.
    func readOptions(format: CorpusFormat, skipBadRows: Bool = false) -> CorpusReadOptions {
        CorpusReadOptions(format: format, labelColumn: labelColumn, textColumn: textColumn, skipBadRows: skipBadRows)
    }
}
