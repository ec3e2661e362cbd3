import Foundation
import XCTest

/// `sentiment explain`: its three formats, its options and bad input, with a model whose
/// answer is known (`writeConstantModel`) and one trained here on a corpus where
/// "great" means positive and "terrible" negative.
final class ExplainCommandTests: CLITestCase {
    /// The trained model, shared by the tests that need real attributions (trained once).
    private static var trainedModel: URL?
    private static let trainedFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("sentiment-explain-\(UUID().uuidString)")

    override class func tearDown() {
        try? FileManager.default.removeItem(at: trainedFolder)
        super.tearDown()
    }

    /// A folder holding `m.safetensors`: every text gets negative 0.25, positive 0.75,
    /// and every attribution is 0 (the output layer's weights are zero).
    func makeConstantModel() throws -> URL {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        return folder
    }

    /// A two-class model trained on sentences whose label follows one opinion word.
    func trainedModelPath() throws -> String {
        if let model = Self.trainedModel { return model.path }
        let folder = Self.trainedFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let train = folder.appendingPathComponent("train.tsv"), dev = folder.appendingPathComponent("dev.tsv")
        try writeClearOpinions(to: train, rows: 400, seed: 1)
        try writeClearOpinions(to: dev, rows: 80, seed: 2)
        let model = folder.appendingPathComponent("clear.safetensors")
        let result = try run(["train", "--train", train.path, "--dev", dev.path, "-o", model.path, "--epochs", "5",
                              "--hidden", "8", "--embedding-dim", "8", "--batch-size", "16", "--lr", "0.02",
                              "--label-names", "negative,positive"])
        XCTAssertEqual(result.status, 0, result.stderr)
        Self.trainedModel = model
        return model.path
    }

    /// `label<TAB>text` rows: "the film was great ." is 1, "the cast was terrible ." is 0.
    private func writeClearOpinions(to url: URL, rows: Int, seed: UInt64) throws {
        let positive = ["great", "wonderful", "lovely", "brilliant"], negative = ["terrible", "awful", "dreadful", "boring"]
        let subjects = ["the film", "this story", "the cast", "the ending", "its music"]
        let fillers = ["", " overall", " for me", " from the start"]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var lines = ["label\ttext"]
        for _ in 0..<rows {
            let label = next(2)
            lines.append("\(label)\t\(subjects[next(5)]) was \((label == 1 ? positive : negative)[next(4)])\(fillers[next(4)]) .")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// `printf INPUT | sentiment explain ARGS…` in `folder`, so the input may hold any bytes.
    func explainStandardInput(_ arguments: [String], input: String, in folder: URL) throws -> CommandResult {
        try runShell("printf \"$1\" | \"$0\" explain \"${@:2}\"", arguments: [sentimentExecutable.path, input] + arguments, in: folder)
    }

    func jsonObjects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    // MARK: Formats

    func testPlainRowsWhenStandardOutputIsNotATerminal() throws {
        let folder = try makeConstantModel()
        let result = try run(["explain", "--model", folder.appendingPathComponent("m.safetensors").path, "good bad", "bad"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("\u{1B}"), "no escape codes in a pipe")
        let blocks = result.stdout.components(separatedBy: "\n\n")
        XCTAssertEqual(blocks.count, 2, result.stdout)
        let lines = blocks[0].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let gateColumns = ["input", "forget", "output", "cell_norm", "hidden_norm"]
        let header = ["token", "start", "end", "attribution"]
            + ["fwd", "rev"].flatMap { direction in gateColumns.map { "L0_\(direction)_\($0)" } }
        XCTAssertEqual(Array(lines.prefix(4)), [
            "# text: good bad",
            "# label: positive (negative 0.2500, positive 0.7500)",
            "# explained: positive; logit -0.2877, baseline -0.2877, attributions 0.0000, completeness error 0%, 32 steps",
            header.joined(separator: "\t"),
        ])
        XCTAssertEqual(lines.count, 6, "two token rows")
        for (line, expected) in zip(lines[4...5], [["good", "0", "4", "0.0000"], ["bad", "5", "8", "0.0000"]]) {
            let fields = line.split(separator: "\t").map(String.init)
            XCTAssertEqual(fields.count, header.count, line)
            XCTAssertEqual(Array(fields.prefix(4)), expected)
            for (name, field) in zip(header.dropFirst(4), fields.dropFirst(4)) {
                let value = try XCTUnwrap(Float(field), "\(name): \(field)")
                XCTAssertTrue(name.hasSuffix("_norm") ? value >= 0 : (0...1).contains(value), "\(name) \(value)")
            }
        }
        XCTAssertTrue(blocks[1].hasPrefix("# text: bad\n"), blocks[1])
    }

    /// A model trained with --emoji-names reads an emoji it lacks as the known words of
    /// its name (🎞 is FILM FRAMES, and "film" is in the vocabulary); the text and JSON
    /// formats say so.
    func testAnEmojiReadAsItsNameIsShownAsSuch() throws {
        let folder = try makeTemporaryDirectory()
        let train = folder.appendingPathComponent("train.tsv")
        try writeClearOpinions(to: train, rows: 200, seed: 1)
        let model = folder.appendingPathComponent("emoji.safetensors")
        let trained = try run(["train", "--train", train.path, "-o", model.path, "--epochs", "1", "--hidden", "8",
                               "--embedding-dim", "8", "--label-names", "negative,positive", "--emoji-names", "--no-cache"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let text = "the film was great 🎞"
        let json = try run(["explain", "--model", model.path, "--format", "json", text])
        XCTAssertEqual(json.status, 0, json.stderr)
        let tokens = try XCTUnwrap(try jsonObjects(json.stdout).first?["tokens"] as? [[String: Any]])
        XCTAssertEqual(tokens.map { $0["token"] as? String }, ["the", "film", "was", "great", "film"])
        XCTAssertEqual(tokens.map { $0["emoji"] as? String }, [nil, nil, nil, nil, "🎞"])
        XCTAssertTrue(json.stdout.contains(#"{"token":"film","start":19,"end":20,"unknown":false,"emoji":"🎞"}"#), json.stdout)
        let plain = try run(["explain", "--model", model.path, text])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let notes = plain.stdout.split(separator: "\n").filter { $0.hasPrefix("# emoji: ") }
        XCTAssertEqual(notes, ["# emoji: read as its Unicode name, as the model's vocabulary lacks it: 🎞 film"])
        XCTAssertFalse(plain.stdout.contains("# unknown:"), plain.stdout)
        let page = folder.appendingPathComponent("emoji.html")
        let html = try run(["explain", "--model", model.path, "--format", "html", "-o", page.path, text])
        XCTAssertEqual(html.status, 0, html.stderr)
        let written = try String(contentsOf: page, encoding: .utf8)
        XCTAssertEqual(written.components(separatedBy: "class=\"col named\"").count - 1, 1, "one heatmap label in italics")
        XCTAssertTrue(written.contains("<title>read for 🎞</title>film</text>"), "its tooltip names the emoji")
    }

    /// The default model reads ":-(" as ":(" and "amaaaazing" (which the tokenizer caps
    /// at three "a"s) as "amazing" (its tokenizer options emoticonFamilies and
    /// shortenElongations); every format shows the spelling read and says what was written.
    func testATokenReadAsAnotherSpellingShowsWhatWasWritten() throws {
        let text = "amaaaazing, got the job :-("
        let json = try run(["explain", "--format", "json", text])
        XCTAssertEqual(json.status, 0, json.stderr)
        let tokens = try XCTUnwrap(try jsonObjects(json.stdout).first?["tokens"] as? [[String: Any]])
        XCTAssertEqual(tokens.map { $0["token"] as? String }, ["amazing", ",", "got", "the", "job", ":("])
        XCTAssertEqual(tokens.map { $0["written"] as? String }, ["amaaazing", nil, nil, nil, nil, ":-("])
        XCTAssertTrue(json.stdout.contains(#"{"token":":(","start":24,"end":27,"unknown":false,"written":":-("}"#), json.stdout)

        let plain = try run(["explain", text, "got the job :("])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let notes = plain.stdout.split(separator: "\n").filter { $0.hasPrefix("# respelled: ") }
        XCTAssertEqual(notes, ["# respelled: amaaazing as amazing, :-( as :( (spellings the model's vocabulary holds)"],
                       "one note, for the first text only")

        let page = try makeTemporaryDirectory().appendingPathComponent("e.html")
        let html = try run(["explain", "--format", "html", "-o", page.path, text])
        XCTAssertEqual(html.status, 0, html.stderr)
        let markup = try String(contentsOf: page, encoding: .utf8)
        XCTAssertEqual(markup.components(separatedBy: "class=\"col named\"").count - 1, 2, "two heatmap labels in italics")
        XCTAssertTrue(markup.contains("<title>written :-(</title>:(</text>"), "its tooltip names what was written")
        XCTAssertTrue(markup.contains("<b>amaaazing read as amazing</b>"), "the text's tooltip too")
    }

    /// Tokens the model's vocabulary lacks are read as <unk>; every format says which.
    func testTokensOutsideTheVocabularyAreMarkedUnknown() throws {
        let model = try trainedModelPath()
        let text = "the film was great qwzx ."
        let json = try run(["explain", "--model", model, "--format", "json", text])
        XCTAssertEqual(json.status, 0, json.stderr)
        let tokens = try XCTUnwrap(try jsonObjects(json.stdout).first?["tokens"] as? [[String: Any]])
        XCTAssertEqual(tokens.map { $0["token"] as? String }, ["the", "film", "was", "great", "qwzx", "."])
        XCTAssertEqual(tokens.map { $0["unknown"] as? Bool }, [false, false, false, false, true, false])
        XCTAssertTrue(json.stdout.contains(#"{"token":"qwzx","start":19,"end":23,"unknown":true}"#), json.stdout)

        let plain = try run(["explain", "--model", model, text, "the film was great ."])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let notes = plain.stdout.split(separator: "\n").filter { $0.hasPrefix("# unknown: ") }
        XCTAssertEqual(notes, ["# unknown: 1 of 6 tokens is not in the model's vocabulary and was read as <unk>: qwzx"])

        let folder = try makeTemporaryDirectory()
        let page = folder.appendingPathComponent("e.html")
        let html = try run(["explain", "--model", model, "--format", "html", "-o", page.path, text])
        XCTAssertEqual(html.status, 0, html.stderr)
        let markup = try String(contentsOf: page, encoding: .utf8)
        XCTAssertEqual(markup.components(separatedBy: "<span class=\"tok unk\"").count - 1, 1)
        XCTAssertEqual(markup.components(separatedBy: "<span class=\"tok\"").count - 1, 5)
        XCTAssertTrue(markup.contains("1 of 6 tokens is not in the model&#39;s vocabulary and was read as &lt;unk&gt;: qwzx")
                      || markup.contains("1 of 6 tokens is not in the model's vocabulary and was read as &lt;unk&gt;: qwzx"), markup)
    }

    func testJSONCarriesEveryKeyInOrderWithExactValues() throws {
        let folder = try makeConstantModel()
        let result = try run(["explain", "--model", folder.appendingPathComponent("m.safetensors").path, "--format", "json",
                              "good  \"bad\""])
        XCTAssertEqual(result.status, 0, result.stderr)
        let logit = "\(Float(log(Double(Float(0.75)))))"
        XCTAssertTrue(result.stdout.hasPrefix(
            #"{"text":"good  \"bad\"","tokens":[{"token":"good","start":0,"end":4,"unknown":false},"#
            + #"{"token":"\"","start":6,"end":7,"unknown":true},{"token":"bad","start":7,"end":10,"unknown":false},"#
            + #"{"token":"\"","start":10,"end":11,"unknown":true}],"label":"positive","#
            + #""probabilities":{"negative":0.2500,"positive":0.7500},"explained_class":"positive","#
            + #""attributions":[0.0,0.0,0.0,0.0],"logit":\#(logit),"baseline_logit":\#(logit),"completeness_error":0.0,"#
            + #""steps":32,"cell":"lstm","truncated":false,"gates":[{"layer":0,"direction":"forward","input":["#),
            result.stdout)
        let object = try XCTUnwrap(jsonObjects(result.stdout).first)
        let gates = try XCTUnwrap(object["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["direction"] as? String }, ["forward", "reverse"])
        for series in gates {
            XCTAssertEqual(Set(series.keys), ["layer", "direction", "input", "forget", "output", "cell_norm", "hidden_norm"])
            XCTAssertEqual((series["hidden_norm"] as? [Double])?.count, 4)
        }
        XCTAssertTrue(result.stdout.hasSuffix("}]}\n"))
    }

    func testUnitsAddPerUnitArraysToJSONOnly() throws {
        let folder = try makeConstantModel()
        let model = folder.appendingPathComponent("m.safetensors").path
        let result = try run(["explain", "--model", model, "--format", "json", "--units", "good bad"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let gates = try XCTUnwrap(jsonObjects(result.stdout).first?["gates"] as? [[String: Any]])
        let units = try XCTUnwrap(gates.first?["units"] as? [String: [[Double]]])
        XCTAssertEqual(Set(units.keys), ["input", "forget", "output", "cell", "hidden"])
        XCTAssertEqual(units["hidden"]?.map(\.count), [2, 2], "[token][unit], hidden size 2")
        let text = try run(["explain", "--model", model, "--units", "good"])
        XCTAssertEqual(text.status, 2)
        XCTAssertTrue(text.stderr.hasPrefix("sentiment: --units adds per-unit arrays to --format json only (see"), text.stderr)
    }

    func testNoEscapeCodesWithNoColorEvenOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("needs script(1) for a terminal") }
        let folder = try makeConstantModel()
        func onTerminal(_ environment: String) throws -> CommandResult {
            try runShell("\(environment) script -qec \"'$0' explain --model m.safetensors 'good bad'\" /dev/null",
                         arguments: [sentimentExecutable.path], in: folder)
        }
        let colored = try onTerminal("NO_COLOR=")
        XCTAssertEqual(colored.status, 0, colored.stderr)
        XCTAssertTrue(colored.stdout.contains("\u{1B}["), "a terminal gets colors: \(colored.stdout)")
        XCTAssertTrue(colored.stdout.contains("L0 fwd forget"), colored.stdout)
        XCTAssertTrue(colored.stdout.contains("L0 rev ‖h‖"), colored.stdout)
        let plain = try onTerminal("NO_COLOR=1")
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stdout.contains("\u{1B}"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("token\tstart\tend\tattribution\t"), plain.stdout)
    }

    func testHTMLIsOneSelfContainedPageWithASectionPerText() throws {
        let folder = try makeConstantModel()
        let page = folder.appendingPathComponent("page.html")
        let result = try run(["explain", "--model", folder.appendingPathComponent("m.safetensors").path, "--format", "html",
                              "-o", page.path, "good <i>bad</i>", "", "bad"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        XCTAssertEqual(html.components(separatedBy: "<section class=\"card\">").count - 1, 3)
        XCTAssertTrue(html.contains("blank text: no prediction"))
        XCTAssertFalse(html.contains("<i>"), "the text is escaped")
        XCTAssertTrue(html.contains(">&lt;<"), "the text is escaped")
        XCTAssertEqual(html.components(separatedBy: "<figure class=\"heatmap\">").count - 1, 2, "one heatmap per text")
        XCTAssertEqual(html.components(separatedBy: ">layer 0 · reverse</text>").count - 1, 2, "a row group per direction")
        XCTAssertTrue(html.contains("class=\"tip\""), "tooltips")
        // Nothing fetched: the only URL is the SVG namespace.
        let addresses = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
        XCTAssertEqual(addresses.count, 0)
        for outside in ["<link", "src=", "@import", "url(http"] { XCTAssertFalse(html.contains(outside), outside) }
    }

    // MARK: Input

    func testStandardInputLinesBlankAndInvalidUTF8() throws {
        let folder = try makeConstantModel()
        let result = try explainStandardInput(["--model", "m.safetensors", "--format", "json"],
                                              input: "good\\n\\n\\377bad\\r\\nlast", in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let objects = try jsonObjects(result.stdout)
        XCTAssertEqual(objects.map { $0["text"] as? String }, ["good", "", "\u{FFFD}bad", "last"])
        // A blank line gets no prediction, as predict gives it none.
        XCTAssertTrue(result.stdout.split(separator: "\n")[1].hasPrefix(
            #"{"text":"","tokens":[],"label":null,"probabilities":null,"explained_class":null,"attributions":[],"#))
        XCTAssertEqual(objects.map { $0["label"] as? String }, ["positive", nil, "positive", "positive"])
        let replaced = try XCTUnwrap(objects[2]["tokens"] as? [[String: Any]])
        XCTAssertEqual(replaced.map { $0["token"] as? String }, ["\u{FFFD}", "bad"])
        XCTAssertEqual(replaced.map { $0["start"] as? Int }, [0, 1])
    }

    func testAnEmptyArgumentGetsNoPrediction() throws {
        let folder = try makeConstantModel()
        let result = try run(["explain", "--model", folder.appendingPathComponent("m.safetensors").path, ""])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "# text: \n# label: none (blank text)\n")
    }

    func testTenThousandTokensAreTruncatedToTheModelsLimit() throws {
        let folder = try makeConstantModel()
        let words = (0..<10_000).map { $0 % 3 == 0 ? "good" : "bad" }
        let text = words.joined(separator: " ")
        let result = try run(["explain", "--model", folder.appendingPathComponent("m.safetensors").path, "--format", "json", text])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(jsonObjects(result.stdout).first)
        XCTAssertEqual(object["truncated"] as? Bool, true)
        let tokens = try XCTUnwrap(object["tokens"] as? [[String: Any]])
        // The constant model reads 64 tokens: the first 16 and the last 48.
        XCTAssertEqual(tokens.count, 64)
        var starts: [Int] = [], offset = 0
        for word in words {
            starts.append(offset)
            offset += word.count + 1
        }
        let kept = Array(0..<16) + Array((10_000 - 48)..<10_000)
        XCTAssertEqual(tokens.map { $0["start"] as? Int }, kept.map { starts[$0] })
        XCTAssertEqual(tokens.map { $0["token"] as? String }, kept.map { words[$0] })
        XCTAssertEqual(tokens.last?["end"] as? Int, text.unicodeScalars.count)
        XCTAssertEqual((object["attributions"] as? [Double])?.count, 64)
        XCTAssertEqual((object["gates"] as? [[String: Any]])?.first?["forget"].map { ($0 as? [Double])?.count }, 64)
    }

    // MARK: Options and errors

    func testClassMustBeOneOfTheModelsClasses() throws {
        let folder = try makeConstantModel()
        let model = folder.appendingPathComponent("m.safetensors").path
        let chosen = try run(["explain", "--model", model, "--format", "json", "--class", "negative", "good"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        let object = try XCTUnwrap(jsonObjects(chosen.stdout).first)
        XCTAssertEqual(object["label"] as? String, "positive")
        XCTAssertEqual(object["explained_class"] as? String, "negative")
        let unknown = try run(["explain", "--model", model, "--class", "neutral", "good"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stdout, "")
        XCTAssertEqual(unknown.stderr, "sentiment: --class: the model has no class 'neutral'; its classes are negative, positive\n")
    }

    func testStepsBelowThirtyTwoAreRefused() throws {
        let result = try run(["explain", "--steps", "31", "good"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("sentiment: --steps must be between 32 and 512, not 31 (see"), result.stderr)
        let help = try run(["explain", "--help"])
        XCTAssertTrue(help.stdout.contains("(default: 32)"), help.stdout)
        XCTAssertTrue(help.stdout.contains("GREEN marks a token that pushes TOWARD the explained class"), help.stdout)
    }

    func testAMissingModelIsOneLineNamingIt() throws {
        let folder = try makeTemporaryDirectory()
        let missing = folder.appendingPathComponent("gone.safetensors").path
        let result = try run(["explain", "--model", missing, "good"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "sentiment: \(missing): cannot read model file: no such file\n")
    }

    func testOutputIsCheckedBeforeTheWorkAndNeverAnInput() throws {
        let folder = try makeConstantModel()
        let model = folder.appendingPathComponent("m.safetensors").path
        let intoFolder = try run(["explain", "--model", "missing.safetensors", "-o", folder.path, "good"])
        XCTAssertEqual(intoFolder.status, 2)
        XCTAssertEqual(intoFolder.stderr, "sentiment: \(folder.path): is a folder; give a file name to write to\n",
                       "the output is refused before the (missing) model is read")
        let overModel = try run(["explain", "--model", model, "-o", model, "good"])
        XCTAssertEqual(overModel.status, 2)
        XCTAssertTrue(overModel.stderr.contains("is also an input"), overModel.stderr)
        let input = folder.appendingPathComponent("texts.txt")
        try "good\n".write(to: input, atomically: true, encoding: .utf8)
        let overInput = try runShell("\"$0\" explain --model m.safetensors -o texts.txt < texts.txt", arguments: [sentimentExecutable.path], in: folder)
        XCTAssertEqual(overInput.status, 2)
        XCTAssertEqual(overInput.stderr, "sentiment: texts.txt: is also an input (standard input); write the output to another file\n")
        XCTAssertEqual(try String(contentsOf: input, encoding: .utf8), "good\n")
    }

    // MARK: Attributions of a trained model

    func testEveryCellPoolingAndDirectionCountExplains() throws {
        let folder = try makeTemporaryDirectory()
        let train = folder.appendingPathComponent("train.tsv")
        try writeClearOpinions(to: train, rows: 120, seed: 3)
        let shapes: [(cell: String, directions: Int, layers: Int, pool: String, gates: Set<String>)] = [
            ("gru", 1, 2, "mean", ["reset", "update", "hidden_norm"]),
            ("rnn", 2, 1, "last", ["hidden_norm"]),
            ("peephole", 1, 1, "max", ["input", "forget", "output", "cell_norm", "hidden_norm"]),
        ]
        for shape in shapes {
            let model = folder.appendingPathComponent("\(shape.cell).safetensors").path
            let trained = try run(["train", "--train", train.path, "-o", model, "--epochs", "1", "--hidden", "4",
                                   "--embedding-dim", "4", "--label-names", "negative,positive", "--cell", shape.cell,
                                   "--directions", "\(shape.directions)", "--layers", "\(shape.layers)", "--pool", shape.pool])
            XCTAssertEqual(trained.status, 0, trained.stderr)
            let result = try run(["explain", "--model", model, "--format", "json", "the film was great ."])
            XCTAssertEqual(result.status, 0, result.stderr)
            let object = try XCTUnwrap(jsonObjects(result.stdout).first)
            XCTAssertEqual(object["cell"] as? String, shape.cell)
            XCTAssertLessThan(try XCTUnwrap(object["completeness_error"] as? Double), 0.01, shape.cell)
            let gates = try XCTUnwrap(object["gates"] as? [[String: Any]])
            let expected = (0..<shape.layers).flatMap { layer in
                (shape.directions == 2 ? ["forward", "reverse"] : ["forward"]).map { "\(layer) \($0)" }
            }
            XCTAssertEqual(gates.map { "\($0["layer"] ?? "") \($0["direction"] ?? "")" }, expected, shape.cell)
            for series in gates { XCTAssertEqual(Set(series.keys).subtracting(["layer", "direction"]), shape.gates, shape.cell) }
            for format in ["text", "html"] {
                let other = try run(["explain", "--model", model, "--format", format, "the film was great ."])
                XCTAssertEqual(other.status, 0, "\(shape.cell) \(format): \(other.stderr)")
            }
        }
    }

    func testAttributionsAreCompleteForSeveralTexts() throws {
        let model = try trainedModelPath()
        let texts = ["the film was great .", "the cast was terrible for me .", "its music was lovely but the ending was boring",
                     "a", "great great terrible"]
        let result = try run(["explain", "--model", model, "--format", "json"] + texts)
        XCTAssertEqual(result.status, 0, result.stderr)
        let objects = try jsonObjects(result.stdout)
        XCTAssertEqual(objects.count, texts.count)
        for object in objects {
            let error = try XCTUnwrap(object["completeness_error"] as? Double)
            XCTAssertLessThan(error, 0.01, "\(object["text"] ?? "")")
            let attributions = try XCTUnwrap(object["attributions"] as? [Double])
            let logit = try XCTUnwrap(object["logit"] as? Double), baseline = try XCTUnwrap(object["baseline_logit"] as? Double)
            let sum = attributions.reduce(0, +)
            XCTAssertEqual(sum, logit - baseline, accuracy: 0.01 * max(abs(logit - baseline), attributions.map(abs).reduce(0, +)) + 1e-6)
        }
    }

    func testGreatPushesTowardPositiveAndTerribleAgainstIt() throws {
        let model = try trainedModelPath()
        let result = try run(["explain", "--model", model, "--format", "json", "--class", "positive",
                              "the film was great .", "the film was terrible ."])
        XCTAssertEqual(result.status, 0, result.stderr)
        let objects = try jsonObjects(result.stdout)
        XCTAssertEqual(objects.map { $0["label"] as? String }, ["positive", "negative"])
        for (object, word, sign) in zip3(objects, ["great", "terrible"], [1.0, -1.0]) {
            let tokens = try XCTUnwrap(object["tokens"] as? [[String: Any]]).map { $0["token"] as? String }
            let attributions = try XCTUnwrap(object["attributions"] as? [Double])
            let index = try XCTUnwrap(tokens.firstIndex(of: word))
            XCTAssertGreaterThan(sign * attributions[index], 0, "\(word): \(attributions)")
        }
        // "great" is what makes the first text positive: it pushes hardest.
        let first = try XCTUnwrap(objects[0]["attributions"] as? [Double])
        XCTAssertEqual(first.max(), first[3], "\(first)")
    }
}

private func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
    zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
}
