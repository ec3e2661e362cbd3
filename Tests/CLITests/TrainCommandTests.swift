import Foundation
import Model
import XCTest

extension CLITestCase {
    /// A small two-class corpus written for these tests: the label follows the
    /// opinion word, the rest is filler. `0` = negative, `1` = positive.
    func writeOpinionCorpus(to url: URL, rows: Int, seed: Int) throws {
        let positive = ["wonderful", "great", "lovely", "brilliant", "moving"]
        let negative = ["awful", "boring", "dreadful", "clumsy", "tedious"]
        let subjects = ["the film", "this story", "the cast", "the ending", "its music"]
        let fillers = ["", " overall", " for me", " from the start", " again and again"]
        var lines = ["label\ttext"]
        var state = UInt64(seed)
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<rows {
            let label = next(2)
            let word = (label == 1 ? positive : negative)[next(5)]
            lines.append("\(label)\t\(subjects[next(5)]) was \(word)\(fillers[next(5)]) .")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Trains a tiny model on a fresh opinion corpus; returns (model, directory).
    func trainTinyModel(extra: [String] = []) throws -> (model: URL, directory: URL, result: CommandResult) {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv"), dev = directory.appendingPathComponent("dev.tsv")
        try writeOpinionCorpus(to: train, rows: 300, seed: 1)
        try writeOpinionCorpus(to: dev, rows: 60, seed: 2)
        let model = directory.appendingPathComponent("tiny.safetensors")
        let result = try run(["train", "--train", train.path, "--dev", dev.path, "-o", model.path, "--epochs", "4",
                              "--hidden", "8", "--embedding-dim", "8", "--batch-size", "16", "--lr", "0.02",
                              "--label-names", "negative,positive"] + extra)
        return (model, directory, result)
    }
}

final class TrainCommandTests: CLITestCase {
    func testHelpShowsEachDefault() throws {
        let result = try run(["train", "--help"])
        XCTAssertEqual(result.status, 0)
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for fragment in [
            "--epochs <epochs> Maximum number of epochs. (default: 10)",
            "--batch-size <batch-size> Examples per batch. (default: 32)",
            "--lr <lr> Adam learning rate. (default: 0.002)",
            "--hidden <hidden> Hidden size per direction. (default: 128)",
            "--cell <cell> Recurrent cell: lstm, peephole (LSTM with peepholes), gru or rnn (simple tanh RNN). (values: lstm, peephole, gru, rnn; default: lstm)",
            "--directions <directions> 2: bidirectional; 1: forward only. (default: 2)",
            "default: max)", "default: 400, or with --init or --resume the starting model's)", "(default: no, or with --init or --resume as the starting model does)", "(default: 3)", "default: macro-f1)", "(default: 42)", "default: f32)",
            "keep their first quarter and their last three quarters",
        ] {
            XCTAssertTrue(help.contains(fragment), "help lacks \(fragment)")
        }
    }

    func testTrainsWritesTheModelAndReportsEachEpoch() throws {
        let (model, directory, result) = try trainTinyModel()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("train: \(directory.path)/train.tsv: 300 rows, 2 classes (0 → negative, 1 → positive)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("dev: \(directory.path)/dev.tsv: 60 rows"), result.stderr)
        for epoch in 1...4 where !result.stderr.contains("stopped early") || epoch == 1 {
            XCTAssertTrue(result.stderr.contains("epoch \(epoch)/4  train loss "), result.stderr)
        }
        XCTAssertTrue(result.stderr.contains("saved \(model.path) (epoch "), result.stderr)
        // The opinion word decides every row, so the 60 dev rows end all correct and the
        // temperature fit cannot tell how confident to be: train says so.
        XCTAssertTrue(result.stderr.contains("dev accuracy 100.00%"), result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: dev set: all 60 rows the temperature was fitted on are classified "
            + "correctly"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: model.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path + ".resume"), "a finished run leaves no resume file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(leftovers, ["dev.tsv", "tiny.safetensors", "train.tsv"])
    }

    func testLabelNamesMustMatchTheLabels() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 20, seed: 3)
        let result = try run(["train", "--train", train.path, "-o", directory.appendingPathComponent("m.safetensors").path,
                              "--label-names", "neg,neutral,pos"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: --label-names gives 3 names but \(train.path) has 2 labels (0, 1)\n")
    }

    func testOneLabelIsNotEnough() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try "label\ttext\npos\tgood\npos\tfine\n".write(to: train, atomically: true, encoding: .utf8)
        let result = try run(["train", "--train", train.path, "-o", directory.appendingPathComponent("m.safetensors").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(train.path): only one label ('pos'); a classifier needs at least 2\n")
    }

    func testAMissingCorpusIsAnInputErrorWithOrWithoutTheCache() throws {
        let directory = try makeTemporaryDirectory()
        let missing = directory.appendingPathComponent("nope.tsv").path
        let model = directory.appendingPathComponent("m.safetensors").path
        for arguments in [["train", "--train", missing, "-o", model], ["train", "--train", missing, "-o", model, "--no-cache"],
                          ["eval", missing], ["eval", missing, "--no-cache"]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("sentiment: \(missing): "), result.stderr)
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
        }
    }

    func testResumeWithoutAnInterruptedRunIsAnError() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 20, seed: 3)
        let model = directory.appendingPathComponent("m.safetensors")
        let result = try run(["train", "--train", train.path, "-o", model.path, "--resume"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("sentiment: nothing to resume: \(model.path).resume does not exist"), result.stderr)
    }

    func testInitFineTunesAModelOnDataLabeledAsItWasTrained() throws {
        let (base, directory, first) = try trainTinyModel()
        XCTAssertEqual(first.status, 0, first.stderr)
        // The tiny model was trained from 0/1 with --label-names negative,positive:
        // more 0/1 data maps onto its classes.
        let more = directory.appendingPathComponent("more.tsv")
        try writeOpinionCorpus(to: more, rows: 40, seed: 5)
        let tuned = directory.appendingPathComponent("tuned.safetensors")
        // --init given relative to the working folder: the log and the model card name it
        // as given, not with this machine's folders.
        let startingModel = base.lastPathComponent
        let result = try run(["train", "--init", startingModel, "--train", more.path, "--dev", more.path,
                              "-o", tuned.path, "--epochs", "1", "--lr", "0.001", "--no-cache"], currentDirectory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("train: \(more.path): 40 rows, 2 classes (the starting model's: negative, positive)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("init: \(startingModel): dev accuracy "), result.stderr)
        let info = try run(["info", "--model", tuned.path])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("fine-tuned from  \(startingModel) ("), info.stdout)
        XCTAssertTrue(info.stdout.contains("labels           negative, positive (trained from 0, 1)"), info.stdout)
    }

    /// A fine-tuned model reads text as its starting model did unless told otherwise: the
    /// tokens its embedding learned must come out of the text the same way. (Fine-tuning
    /// the default model, which undoes PTB escapes, used to write a model that kept them.)
    func testInitKeepsTheStartingModelsTextHandlingUnlessChosen() throws {
        let (base, directory, first) = try trainTinyModel(extra: ["--ptb", "--max-length", "30"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let more = directory.appendingPathComponent("more.tsv")
        try writeOpinionCorpus(to: more, rows: 40, seed: 5)
        for (options, log, tokenizer, limit) in [
            ([], "init: text read as the starting model reads it: PTB escapes undone, max length 30 tokens",
             "ICU, PTB escapes undone", "30 tokens (longer texts keep head and tail)"),
            (["--no-ptb"], "init: text read as the starting model reads it: max length 30 tokens",
             "ICU", "30 tokens (longer texts keep head and tail)"),
            (["--no-ptb", "--max-length", "0"], nil, "ICU", "none"),
        ] as [([String], String?, String, String)] {
            let tuned = directory.appendingPathComponent("tuned.safetensors")
            let result = try run(["train", "--init", base.path, "--train", more.path, "--dev", more.path, "-o", tuned.path,
                                  "--epochs", "1", "--no-cache"] + options)
            XCTAssertEqual(result.status, 0, result.stderr)
            if let log {
                XCTAssertTrue(result.stderr.contains(log + "\n"), "\(options): \(result.stderr)")
            } else {
                XCTAssertFalse(result.stderr.contains("init: text read as"), "\(options): \(result.stderr)")
            }
            let info = try run(["info", "--model", tuned.path])
            XCTAssertEqual(info.status, 0, info.stderr)
            let card = Dictionary(info.stdout.split(separator: "\n").map { line -> (String, String) in
                let key = line.prefix(17).trimmingCharacters(in: .whitespaces)
                return (key, String(line.dropFirst(17)))
            }, uniquingKeysWith: { first, _ in first })
            XCTAssertEqual(card["tokenizer"], tokenizer, "\(options): \(info.stdout)")
            XCTAssertEqual(card["max length"], limit, "\(options): \(info.stdout)")
        }
    }

    /// `--emoji-names` is stored in the model; a fine-tune keeps it unless told otherwise.
    func testEmojiNamesAreChosenAtTrainingAndKeptByAFineTune() throws {
        try assertFineTuneKeeps(option: "emoji-names", inWords: "unknown emoji read as their names", seed: 5)
    }

    /// `--emoticon-families` likewise.
    func testEmoticonFamiliesAreChosenAtTrainingAndKeptByAFineTune() throws {
        try assertFineTuneKeeps(option: "emoticon-families", inWords: "emoticons read by family", seed: 6)
    }

    /// A tiny model trained with `--OPTION` shows it in `info`; a fine-tune of it keeps the
    /// option and says so, unless given `--no-OPTION`.
    private func assertFineTuneKeeps(option: String, inWords words: String, seed: Int,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        let (base, directory, first) = try trainTinyModel(extra: ["--" + option])
        XCTAssertEqual(first.status, 0, first.stderr, file: file, line: line)
        let more = directory.appendingPathComponent("more.tsv")
        try writeOpinionCorpus(to: more, rows: 40, seed: seed)
        for (options, tokenizer) in [([], "ICU, " + words), (["--no-" + option], "ICU")] {
            let tuned = directory.appendingPathComponent("tuned.safetensors")
            let result = try run(["train", "--init", base.path, "--train", more.path, "--dev", more.path, "-o", tuned.path,
                                  "--epochs", "1", "--no-cache"] + options)
            XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
            XCTAssertEqual(result.stderr.contains(words), options.isEmpty, result.stderr, file: file, line: line)
            let info = try run(["info", "--model", tuned.path])
            let row = info.stdout.split(separator: "\n").first { $0.hasPrefix("tokenizer") }
            XCTAssertEqual(row.map { $0.dropFirst(17) }.map(String.init), tokenizer, "\(options)", file: file, line: line)
        }
        let info = try run(["info", "--model", base.path])
        XCTAssertTrue(info.stdout.contains(words), info.stdout, file: file, line: line)
    }

    func testInitDefaultRejectsVectors() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 20, seed: 3)
        let result = try run(["train", "--init", "default", "--train", train.path, "--vectors", "v.txt",
                              "-o", directory.appendingPathComponent("m.safetensors").path, "--no-cache"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: --vectors does not apply with --init: the embedding comes from the starting model\n")
    }

    /// Vectors are read more than once, so a pipe (`--vectors <(unzip -p …)`) is refused
    /// before the corpus is read, not taken for an empty file afterwards.
    func testVectorsThroughAPipeAreRefusedAtOnce() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 20, seed: 3)
        let pipe = directory.appendingPathComponent("vectors").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let model = directory.appendingPathComponent("m.safetensors")
        let result = try run(["train", "--train", train.path, "--vectors", pipe, "-o", model.path, "--no-cache"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: \(pipe): word vectors are read more than once, so they must be a file, "
            + "not a pipe or device (save them first, e.g. unzip -p glove.6B.zip glove.6B.50d.txt > glove.6B.50d.txt)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path))
    }

    func testCtrlCKeepsTheBestModelExitsWith130AndResumeFinishes() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 400, seed: 7)
        let model = directory.appendingPathComponent("m.safetensors")
        let arguments = ["train", "--train", train.path, "-o", model.path, "--epochs", "200", "--patience", "200",
                         "--hidden", "8", "--embedding-dim", "8", "--no-cache"]
        // Wait for the second epoch line (the first epoch's model is on disk), then Ctrl-C.
        let training = try launch(arguments, waitingForStderr: "epoch 2/200")
        let text = training.stop(with: SIGINT)
        XCTAssertEqual(training.process.terminationStatus, 130, text)
        XCTAssertTrue(text.contains("interrupted: \(model.path) holds the best model so far"), text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: model.path + ".resume"), text)
        XCTAssertEqual(try run(["info", "--model", model.path]).status, 0, "the saved model loads")

        let other = directory.appendingPathComponent("other.tsv")
        try writeOpinionCorpus(to: other, rows: 50, seed: 8)
        let changed = try run(arguments + ["--resume", "--hidden", "16", "--train", other.path])
        XCTAssertEqual(changed.status, 2)
        XCTAssertEqual(changed.stderr, "sentiment: cannot resume: \(model.path).resume is from a run with other options: "
            + "--train \(train.path) (now \(other.path)), --hidden 8 (now 16); "
            + "give that run's options (--epochs and --patience may change), or start afresh without --resume\n")

        let resumed = try run(arguments + ["--epochs", "4", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming after epoch "), resumed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path + ".resume"), "a finished run removes its resume file")
    }

    /// A Ctrl-C that arrives twice at once (the terminal's copy and the one `timeout`
    /// passes on) and a SIGTERM (what `timeout` sends) each stop the run as one Ctrl-C
    /// does: the message, the status of that signal, and the model with its temperature.
    /// A second signal used to kill the run before it fitted and said anything.
    func testACtrlCDeliveredTwiceAndSIGTERMStopTheRunAsOneCtrlCDoes() throws {
        let directory = try makeTemporaryDirectory()
        let train = directory.appendingPathComponent("train.tsv")
        try writeOpinionCorpus(to: train, rows: 400, seed: 7)
        for (signals, status) in [([SIGINT, SIGINT], Int32(130)), ([SIGTERM], Int32(143))] {
            let model = directory.appendingPathComponent("m\(status).safetensors")
            let training = try launch(["train", "--train", train.path, "-o", model.path, "--epochs", "200",
                                       "--patience", "200", "--hidden", "8", "--embedding-dim", "8", "--no-cache"],
                                      waitingForStderr: "epoch 2/200")
            let text = signals.count == 2 ? training.stop(with: signals[0], signals[1]) : training.stop(with: signals[0])
            XCTAssertEqual(training.process.terminationStatus, status, text)
            XCTAssertTrue(text.contains("interrupted: \(model.path) holds the best model so far"), text)
            let info = try run(["info", "--model", model.path])
            XCTAssertEqual(info.status, 0, info.stderr)
            XCTAssertFalse(info.stdout.contains("calibration none"), info.stdout)
            XCTAssertTrue(info.stdout.contains("temperature"), info.stdout)
        }
        // A fresh run to the same model replaces the interrupted run's resume file: it says
        // so at the start (it used to go without a word).
        let model = directory.appendingPathComponent("m130.safetensors")
        let fresh = try run(["train", "--train", train.path, "-o", model.path, "--epochs", "1", "--hidden", "8",
                             "--embedding-dim", "8", "--no-cache"])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertTrue(fresh.stderr.contains("warning: \(model.path).resume holds an interrupted run, which this fresh run "
            + "replaces (stop now and add --resume to continue that one)\n"), fresh.stderr)
    }

    /// `--sparse-adam` trains, learns and says so in the model's record; its weights differ
    /// from dense Adam's (rows a batch leaves out do not move).
    func testSparseAdamTrainsAndIsRecorded() throws {
        let (sparse, _, result) = try trainTinyModel(extra: ["--sparse-adam", "--no-calibrate"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let accuracy = try XCTUnwrap(result.stderr.split(separator: "\n").last { $0.hasPrefix("saved ") })
        XCTAssertTrue(accuracy.contains("dev accuracy"), String(accuracy))
        let info = try run(["info", "--model", sparse.path])
        XCTAssertTrue(info.stdout.contains("sparse-adam lr 0.02"), info.stdout)
        let (dense, _, denseResult) = try trainTinyModel(extra: ["--no-calibrate"])
        XCTAssertEqual(denseResult.status, 0, denseResult.stderr)
        XCTAssertTrue(try run(["info", "--model", dense.path]).stdout.contains(" adam lr 0.02"))
        XCTAssertNotEqual(try SentimentModel.load(contentsOf: sparse).classifier.parameters.map(\.value),
                          try SentimentModel.load(contentsOf: dense).classifier.parameters.map(\.value))
    }

    func testNewClassesNeedsInit() throws {
        let result = try run(["train", "--train", "x.tsv", "-o", "m.safetensors", "--new-classes"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--new-classes needs --init MODEL"), result.stderr)
    }

    func testInvalidOptionValuesAreUsageErrors() throws {
        let result = try run(["train", "--train", "x.tsv", "-o", "m.safetensors", "--dropout", "1.5"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--dropout must be in [0, 1)"), result.stderr)
    }

    /// Each size is within its bound, but 16 layers of width 4096 hold 6.3 billion
    /// parameters (about 120 GiB to train): refused in one line before any allocation,
    /// and the model already at -o is left as it was.
    func testANetworkTooLargeForTheMachinesMemoryIsRefusedBeforeAllocating() throws {
        try XCTSkipIf(ProcessInfo.processInfo.physicalMemory > 100 << 30, "a machine with over 100 GiB could train it")
        let (model, directory, first) = try trainTinyModel()
        XCTAssertEqual(first.status, 0, first.stderr)
        let good = try Data(contentsOf: model)
        let train = directory.appendingPathComponent("train.tsv").path, dev = directory.appendingPathComponent("dev.tsv").path
        let result = try run(["train", "--train", train, "--dev", dev, "-o", model.path, "--hidden", "4096",
                              "--layers", "16", "--embedding-dim", "4096"])
        XCTAssertEqual(result.status, 2, result.stderr)
        let last = try XCTUnwrap(result.stderr.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(last.hasPrefix("sentiment: the network has 6,309,"), last)
        XCTAssertTrue(last.contains("parameters: training it needs about 1"), last)
        XCTAssertTrue(last.hasSuffix("(choose a smaller --hidden, --layers, --embedding-dim or --max-vocab)"), last)
        XCTAssertEqual(try Data(contentsOf: model), good, "-o keeps the earlier model")
        let bench = try run(["bench", "engine", "--data", train, "--hidden", "4096", "--layers", "16",
                             "--embedding-dim", "4096"])
        XCTAssertEqual(bench.status, 2, bench.stderr)
        XCTAssertTrue(bench.stderr.hasPrefix("sentiment: the network has 6,309,"), bench.stderr)
    }

    func testADivergingRunStopsWithOneLineAndLeavesTheModelAsItWas() throws {
        let (model, directory, first) = try trainTinyModel()
        XCTAssertEqual(first.status, 0, first.stderr)
        let good = try Data(contentsOf: model)
        let train = directory.appendingPathComponent("train.tsv").path, dev = directory.appendingPathComponent("dev.tsv").path
        let result = try run(["train", "--train", train, "--dev", dev, "-o", model.path, "--epochs", "2", "--hidden", "8",
                              "--embedding-dim", "8", "--lr", "1e38"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let last = try XCTUnwrap(lines.last)
        XCTAssertTrue(last.hasPrefix("sentiment: training diverged in epoch 1, batch "), last)
        XCTAssertTrue(last.hasSuffix("; try a lower --lr (this run: 1e+38); \(model.path) was left as it was"), last)
        XCTAssertFalse(result.stderr.contains("*best"), result.stderr)
        XCTAssertFalse(result.stderr.contains("epoch 1/2"), "a diverged epoch is not reported: \(result.stderr)")
        XCTAssertEqual(try Data(contentsOf: model), good, "-o keeps the earlier model")
        XCTAssertEqual(try run(["info", "--model", model.path]).status, 0)
    }

    func testTooFewRowsForADevSetIsSaidAndTheLowestTrainingLossChooses() throws {
        let directory = try makeTemporaryDirectory()
        try "label\ttext\npositive\tgreat film\nnegative\tawful film\n"
            .write(to: directory.appendingPathComponent("two.tsv"), atomically: true, encoding: .utf8)
        let result = try run(["train", "--no-cache", "--train", "two.tsv", "-o", "two.safetensors", "--epochs", "3",
                              "--hidden", "4", "--embedding-dim", "4"], currentDirectory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "warning: no dev set: two.tsv has too few rows per class to hold 10% out, so the epoch "
            + "with the lowest training loss is kept; give --dev FILE to choose by dev macro-f1")
        XCTAssertFalse(result.stderr.contains("dev acc"), result.stderr)
        XCTAssertFalse(result.stderr.contains("0 rows held out"), result.stderr)
        let epochs = lines.filter { $0.hasPrefix("epoch ") }
        XCTAssertEqual(epochs.count, 3)
        for line in epochs { XCTAssertTrue(line.contains("  no dev set  "), line) }
        // The best epoch is the one with the lowest training loss.
        let losses = epochs.map { line -> Double in
            let fields = line.components(separatedBy: "train loss ")[1]
            return Double(fields.prefix { $0 != " " })!
        }
        let best = losses.firstIndex(of: losses.min()!)! + 1
        XCTAssertTrue(epochs[best - 1].hasSuffix("  *best"), epochs.joined(separator: "\n"))
        XCTAssertEqual(lines.last, "saved two.safetensors (epoch \(best), lowest training loss; no dev set)")
        let info = try run(["info", "--model", "two.safetensors"], currentDirectory: directory)
        XCTAssertTrue(info.stdout.contains("training data  train two.tsv (2 rows), no dev set\n"), info.stdout)
        XCTAssertTrue(info.stdout.contains("best epoch \(best) by training loss,"), info.stdout)
    }
}
