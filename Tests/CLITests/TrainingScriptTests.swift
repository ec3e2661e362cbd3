import Foundation
import XCTest

/// `scripts/train-default-model.sh`, the recipe of the shipped model, run end to end on a
/// tiny data folder the test writes in the layout the script reads (sst2/, sst5/, imdb/)
/// with TRANSFER=none (no teacher, so no torch), one epoch and a model of 8 units.
/// Each run takes a few seconds; what it guards is the script itself (its options, the
/// files it hands to `train`, `calibrate` and `eval`) and its first rule: no test split
/// and no dev set is trained on.
final class TrainingScriptTests: CLITestCase {
    /// Words that appear in one file each, so the trained model's vocabulary shows which
    /// files the training mix read.
    static let trainWords = ["sstphraseword", "sstsentenceword", "imdbreviewword"]
    static let heldOutWords = ["sstdevword", "zztestword"]

    func testTheRecipeTrainsOnTrainSplitsOnlyAndScoresTheDevSets() throws {
        let data = try makeTinyData()
        let first = data.appendingPathComponent("first.safetensors")
        let run = try runScript(["OUT=\(first.path)", "HIDDEN=8", "MAX_VOCAB=0"], data: data)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        // DEV_ONLY=1: the five dev sets are scored, no test set.
        let scored = run.stdout.split(separator: "\n").filter { $0.hasPrefix("data       ") }
        let expected = ["sst2/dev.tsv (7 rows)", "imdb-dev.tsv (2500 rows)", "sst3-dev.tsv (11 rows)",
                        "/corpora/demo/dev.tsv (152 rows)", "/corpora/demo/dev-wild.tsv (306 rows)"]
        XCTAssertEqual(scored.count, expected.count, run.stdout)
        for (line, devSet) in zip(scored, expected) { XCTAssertTrue(line.hasSuffix(devSet), "\(line) is not \(devSet)") }

        let info = try self.run(["info", "--model", first.path])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("labels         negative, neutral, positive\n"), info.stdout)
        XCTAssertTrue(info.stdout.contains("vectors        vectors.txt (8d,"), info.stdout)
        try assertVocabularyHoldsTrainWordsOnly(first)

        // X1's flags: the first model widened from 8 to 12 units (scripts/widen_model.py),
        // fine-tuned, then one offset per class fitted on dev by `calibrate --class-offsets`.
        let second = data.appendingPathComponent("second.safetensors")
        let tuned = try runScript(["OUT=\(second.path)", "INIT=\(first.path)", "LR=0.001", "CLASS_OFFSETS=1",
                                   "FREEZE_EMBEDDINGS=1", "WIDEN=12"], data: data)
        XCTAssertEqual(tuned.status, 0, tuned.stderr + tuned.stdout)
        XCTAssertTrue(tuned.stderr.contains(
            "init: first-wide12.safetensors: embedding and LSTM kept, a new output layer for 3 classes"), tuned.stderr)
        let tunedInfo = try self.run(["info", "--model", second.path])
        XCTAssertTrue(tunedInfo.stdout.contains("fine-tuned from  first-wide12.safetensors"), tunedInfo.stdout)
        XCTAssertTrue(tunedInfo.stdout.contains("bidirectional LSTM 1 layer × 12 →"), tunedInfo.stdout)
        XCTAssertTrue(tunedInfo.stdout.contains("(in fc.bias)"), tunedInfo.stdout)
        try assertVocabularyHoldsTrainWordsOnly(second)
    }

    func testContradictoryOrMissingInputsStopTheScriptWithStatus2() throws {
        let data = try makeTinyData()
        let widen = try runScript(["OUT=\(data.path)/x.safetensors", "WIDEN=16"], data: data)
        XCTAssertEqual(widen.status, 2)
        XCTAssertEqual(widen.stderr, "WIDEN and KEEP_CLASSES need INIT=FILE, the model to start from\n")
        let noVectors = try runShell(
            #"scripts/train-default-model.sh "$1" "$1/nope.txt""#, arguments: ["train-default-model", data.path],
            in: ReadmeExampleTests.repositoryRoot)
        XCTAssertEqual(noVectors.status, 2)
        XCTAssertEqual(noVectors.stderr, "no vectors at \(data.path)/nope.txt: run scripts/glove_to_text.py first\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(data.path)/x.safetensors"))
    }

    /// The script with `settings` (and TRANSFER=none, DEV_ONLY=1, EPOCHS=1, DEMO_REPEATS=1,
    /// the built binary) on `data` and its vectors.
    private func runScript(_ settings: [String], data: URL) throws -> CommandResult {
        let all = ["TRANSFER=none", "DEV_ONLY=1", "EPOCHS=1", "DEMO_REPEATS=1", "BIN=\(sentimentExecutable.path)"] + settings
        return try runShell(
            #"env "${@:2}" scripts/train-default-model.sh "$1" "$1/vectors.txt""#,
            arguments: ["train-default-model", data.path] + all, in: ReadmeExampleTests.repositoryRoot)
    }

    /// `explain` names the words a model's vocabulary lacks: every held-out word, no train word.
    private func assertVocabularyHoldsTrainWordsOnly(_ model: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let words = Self.trainWords + Self.heldOutWords
        let result = try run(["explain", "--model", model.path, words.joined(separator: " ")])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let unknown = "# unknown: 2 of 5 tokens are not in the model's vocabulary and were read as <unk>: "
            + Self.heldOutWords.joined(separator: ", ") + "\n"
        XCTAssertTrue(result.stdout.contains(unknown), result.stdout, file: file, line: line)
    }

    /// sst2/, sst5/ and imdb/ with train, dev and test files of a few sentences, IMDB train
    /// with 1,300 reviews per label (the script holds 1,250 per label out as its dev
    /// slice), and 8-dimensional vectors for the sentences' words. Each file of a test
    /// split holds "zztestword", each dev file "sstdevword"; each train file its own word.
    private func makeTinyData() throws -> URL {
        let data = try makeTemporaryDirectory()
        let positive = ["a warm and funny film", "great acting and a moving story", "i loved every minute"]
        let negative = ["a dull and tedious mess", "bad acting and a boring plot", "i hated every minute"]
        let neutral = ["the film runs two hours", "it opens in theaters on friday", "the story is set in ohio"]
        func write(_ path: String, _ header: String, _ rows: [(String, String)]) throws {
            let url = data.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (([header] + rows.map { "\($0.0)\t\($0.1)" }).joined(separator: "\n") + "\n")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        func graded(_ texts: [String], _ label: String, _ extra: String = "") -> [(String, String)] {
            texts.map { (label, extra.isEmpty ? $0 : "\($0) \(extra)") }
        }
        try write("sst2/train.tsv", "label\tsentence",
                  Array(repeating: graded(positive, "1", "sstphraseword") + graded(negative, "0"), count: 10).flatMap { $0 })
        try write("sst2/dev.tsv", "label\tsentence", graded(positive + ["sstdevword fine"], "1") + graded(negative, "0"))
        try write("sst2/test.tsv", "label\tsentence", [("1", "zztestword great"), ("0", "zztestword awful")])
        try write("sst5/train.tsv", "label\ttext",
                  Array(repeating: graded(positive, "4") + graded(negative, "0", "sstsentenceword") + graded(neutral, "2"),
                        count: 10).flatMap { $0 })
        try write("sst5/dev.tsv", "label\ttext",
                  graded(positive, "3") + graded(negative, "1") + graded(neutral, "2") + [("2", "sstdevword"), ("4", "sstdevword")])
        try write("sst5/test.tsv", "label\ttext", [("4", "zztestword great"), ("2", "zztestword film"), ("0", "zztestword awful")])
        let reviews = (0..<1300).flatMap { i in
            [("0", "\(negative[i % 3]) . \(neutral[i % 3]) imdbreviewword"), ("1", "\(positive[i % 3]) . \(neutral[(i + 1) % 3])")]
        }
        try write("imdb/train.tsv", "label\ttext", reviews)
        try write("imdb/test.tsv", "label\ttext", [("0", "zztestword awful"), ("1", "zztestword great")])
        let words = Set((positive + negative + neutral).flatMap { $0.split(separator: " ").map(String.init) }).sorted()
        let vectors = words.enumerated().map { index, word in
            ([word] + (0..<8).map { String(format: "%.3f", sin(Double(index * 8 + $0))) }).joined(separator: " ")
        }
        try (vectors.joined(separator: "\n") + "\n").write(to: data.appendingPathComponent("vectors.txt"), atomically: true, encoding: .utf8)
        return data
    }
}
