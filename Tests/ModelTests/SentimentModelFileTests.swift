import Foundation
import XCTest
@testable import Model

final class SentimentModelFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try ModelFixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ file: SafetensorsFile, name: String = "m.safetensors") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try file.write(to: url)
        return url
    }

    func testCheckpointRoundTripIsBitExact() throws {
        let original = ModelFixtures.modelFile()
        let url = directory.appendingPathComponent("m.safetensors")
        try original.write(to: url)
        let loaded = try SentimentModelFile.read(contentsOf: url)
        XCTAssertEqual(loaded.configuration, original.configuration)
        XCTAssertEqual(loaded.labels, ["negative", "positive"])
        XCTAssertEqual(loaded.vocabulary.tokens, ModelFixtures.vocabulary.tokens)
        XCTAssertEqual(loaded.tensors.map(\.name), original.tensors.map(\.name))
        for (a, b) in zip(loaded.tensors, original.tensors) {
            XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), a.name)
        }
        // The rebuilt classifier holds the same weights and so gives the same outputs.
        let classifier = loaded.makeClassifier()
        for (parameter, tensor) in zip(classifier.parameters, original.tensors) {
            XCTAssertEqual(parameter.value.map(\.bitPattern), tensor.values.map(\.bitPattern), parameter.name)
        }
        XCTAssertEqual(try Data(contentsOf: url), Data(loaded.safetensors().serialized()))
    }

    func testEveryCellAndDirectionCountRoundTripsBitExactly() throws {
        for cell in CellKind.allCases {
            for directions in [1, 2] {
                let what = "\(cell) D=\(directions)"
                let original = ModelFixtures.modelFile(layers: 2, cell: cell, directions: directions)
                let url = directory.appendingPathComponent("\(cell)-\(directions).safetensors")
                try original.write(to: url)
                let loaded = try SentimentModelFile.read(contentsOf: url)
                XCTAssertEqual(loaded.configuration.network, original.configuration.network, what)
                let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(loaded.configuration)) as? [String: Any])
                XCTAssertEqual(json["cell"] as? String, cell.rawValue, what)
                XCTAssertEqual(json["directions"] as? Int, directions, what)
                XCTAssertEqual(json["bidirectional"] as? Bool, directions == 2, "older readers' key, \(what)")
                let classifier = loaded.makeClassifier()
                XCTAssertEqual(classifier.config.cell, cell, what)
                XCTAssertEqual(classifier.config.directions, directions, what)
                XCTAssertEqual(classifier.parameters.map(\.name), original.tensors.map(\.name), what)
                for (parameter, tensor) in zip(classifier.parameters, original.tensors) {
                    XCTAssertEqual(parameter.value.map(\.bitPattern), tensor.values.map(\.bitPattern), "\(what) \(parameter.name)")
                }
            }
        }
    }

    func testEveryCellHasPyTorchStateDictNames() {
        func names(_ cell: CellKind, _ directions: Int) -> [String] {
            ModelFixtures.modelFile(cell: cell, directions: directions).tensors.map(\.name)
        }
        XCTAssertEqual(names(.gru, 2), [
            "embedding.weight", "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0",
            "gru.weight_ih_l0_reverse", "gru.weight_hh_l0_reverse", "gru.bias_ih_l0_reverse", "gru.bias_hh_l0_reverse",
            "fc.weight", "fc.bias",
        ])
        XCTAssertEqual(names(.rnn, 1), [
            "embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
            "fc.weight", "fc.bias",
        ])
        XCTAssertEqual(names(.peephole, 1), [
            "embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
            "lstm.weight_ci_l0", "lstm.weight_cf_l0", "lstm.weight_co_l0", "fc.weight", "fc.bias",
        ])
        let gru = ModelFixtures.modelFile(cell: .gru, directions: 1)
        XCTAssertEqual(gru.tensors.first { $0.name == "gru.weight_ih_l0" }?.shape, [9, 4], "3H × E")
        XCTAssertEqual(gru.tensors.first { $0.name == "fc.weight" }?.shape, [2, 3], "K × D·H")
    }

    /// The configuration's JSON as a dictionary, changed by `edit`, decoded again.
    private func decodeEdited(_ edit: (inout [String: Any]) -> Void) throws -> ModelConfiguration {
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(ModelFixtures.configuration())) as? [String: Any])
        edit(&json)
        return try JSONDecoder().decode(ModelConfiguration.self, from: JSONSerialization.data(withJSONObject: json))
    }

    func testFilesWithoutDirectionsReadAsBidirectional() throws {
        // Files written before forward-only models existed have `bidirectional` and no
        // `directions`.
        let old = try decodeEdited { $0["directions"] = nil }
        XCTAssertEqual(old.network.directions, 2)
        let forward = try decodeEdited { $0["directions"] = nil; $0["bidirectional"] = false }
        XCTAssertEqual(forward.network.directions, 1)
    }

    func testConfigurationNamingNoKnownCellOrPoolingOrContradictingItselfIsRefused() {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("unknown cell 'lstmx' (known: lstm, peephole, gru, rnn)", { $0["cell"] = "lstmx" }),
            ("unknown pooling 'median'", { $0["pooling"] = "median" }),
            ("directions 3 (must be 1 or 2)", { $0["directions"] = 3 }),
            ("directions 1 contradicts bidirectional true", { $0["directions"] = 1 }),
        ]
        for (message, edit) in cases {
            XCTAssertThrowsError(try decodeEdited(edit), message) { error in
                XCTAssertEqual((error as? ModelConfigurationError)?.description, message)
            }
        }
    }

    func testTensorNamesFollowPyTorchStateDictOrder() {
        let names = ModelFixtures.modelFile(layers: 2).tensors.map(\.name)
        XCTAssertEqual(names, [
            "embedding.weight",
            "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
            "lstm.weight_ih_l0_reverse", "lstm.weight_hh_l0_reverse", "lstm.bias_ih_l0_reverse", "lstm.bias_hh_l0_reverse",
            "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1",
            "lstm.weight_ih_l1_reverse", "lstm.weight_hh_l1_reverse", "lstm.bias_ih_l1_reverse", "lstm.bias_hh_l1_reverse",
            "fc.weight", "fc.bias",
        ])
    }

    func testMetadataHoldsFormatVersionLabelsAndVocabulary() {
        let metadata = ModelFixtures.modelFile().safetensors().metadata
        XCTAssertEqual(metadata["format"], "sentiment.bilstm")
        XCTAssertEqual(metadata["version"], "1")
        XCTAssertEqual(metadata["labels"], "[\"negative\",\"positive\"]")
        XCTAssertEqual(metadata["vocabulary"], "<pad>\n<unk>\ngood\nbad\nfilm\nnot\ngreat\nawful")
        XCTAssertTrue(metadata["config"]!.contains("\"hiddenSize\":3"), metadata["config"]!)
    }

    func testFloat16StorageHalvesTheWeightsAndLoadsTheRoundedValues() throws {
        let full = ModelFixtures.modelFile(storage: .float32)
        let half = ModelFixtures.modelFile(storage: .float16)
        func dataBytes(_ file: SentimentModelFile) -> Int {
            let bytes = file.safetensors().serialized()
            return bytes.count - 8 - bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        let weights = full.configuration.network.parameterCount
        XCTAssertEqual(dataBytes(full), 4 * weights)
        XCTAssertEqual(dataBytes(half), 2 * weights)
        let url = directory.appendingPathComponent("half.safetensors")
        try half.write(to: url)
        let loaded = try SentimentModelFile.read(contentsOf: url)
        XCTAssertEqual(loaded.configuration.storage, .float16)
        for (a, b) in zip(loaded.tensors, full.tensors) {
            XCTAssertEqual(a.values, b.values.map { float32(fromFloat16Bits: float16Bits($0)) }, a.name)
        }
    }

    // MARK: Malformed files: every case names the file and says what is wrong.

    func assertLoadFails(_ url: URL, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SentimentModel.load(contentsOf: url), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    func testMissingFile() {
        let url = directory.appendingPathComponent("none.safetensors")
        assertLoadFails(url, "\(url.path): cannot read model file: no such file")
    }

    func testADeviceOrAFIFOIsNotAModelFile() throws {
        assertLoadFails(URL(fileURLWithPath: "/dev/null"), "/dev/null: cannot read model file: it is a character device, not a model file")
        let fifo = directory.appendingPathComponent("fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        assertLoadFails(fifo, "\(fifo.path): cannot read model file: it is a FIFO, not a model file")
    }

    func testNotSafetensorsAtAll() throws {
        let url = directory.appendingPathComponent("reviews.tsv")
        try Data("label\ttext\n1\tgreat\n".utf8).write(to: url)
        assertLoadFails(url, "\(url.path): not a safetensors model file (no JSON header after the length prefix); pass a model written by 'sentiment train'")
    }

    func testTruncatedFile() throws {
        let bytes = ModelFixtures.modelFile().safetensors().serialized()
        let url = directory.appendingPathComponent("cut.safetensors")
        try Data(bytes.prefix(bytes.count - 10)).write(to: url)
        assertLoadFails(url, "\(url.path): model file is truncated: \(bytes.count - 10) bytes, the header promises \(bytes.count); copy it again or retrain")
    }

    func testBadHeader() throws {
        var bytes = ModelFixtures.modelFile().safetensors().serialized()
        bytes[9] = UInt8(ascii: "}")  // `{}"__metadata__"…`: no longer JSON
        let url = directory.appendingPathComponent("bad.safetensors")
        try Data(bytes).write(to: url)
        assertLoadFails(url, "\(url.path): bad safetensors header: the header is not valid JSON")
    }

    func testSafetensorsThatIsNotASentimentModel() throws {
        var file = ModelFixtures.modelFile().safetensors()
        file.metadata["format"] = "pt"
        let url = try write(file)
        assertLoadFails(url, "\(url.path): not a sentiment model (format 'pt', expected 'sentiment.bilstm')")
        file.metadata = [:]
        let bare = try write(file, name: "bare.safetensors")
        assertLoadFails(bare, "\(bare.path): not a sentiment model (no 'format' metadata, expected 'sentiment.bilstm')")
    }

    func testUnknownFormatVersion() throws {
        var file = ModelFixtures.modelFile().safetensors()
        file.metadata["version"] = "7"
        let url = try write(file)
        assertLoadFails(url, "\(url.path): model format version 7 is not supported (this build reads version 1); use a newer sentiment or retrain")
    }

    func testWrongTensorShape() throws {
        var file = ModelFixtures.modelFile().safetensors()
        let index = file.tensors.firstIndex { $0.name == "fc.weight" }!
        file.tensors[index] = SafetensorsTensor(name: "fc.weight", storage: .float32, shape: [3, 6], values: Array(repeating: 0, count: 18))
        let url = try write(file)
        assertLoadFails(url, "\(url.path): tensor 'fc.weight' has shape [3, 6], expected [2, 6]")
    }

    func testMissingTensor() throws {
        var file = ModelFixtures.modelFile().safetensors()
        file.tensors.removeAll { $0.name == "lstm.bias_hh_l0_reverse" }
        let url = try write(file)
        assertLoadFails(url, "\(url.path): tensor 'lstm.bias_hh_l0_reverse' is missing")
    }

    func testUnexpectedTensor() throws {
        var file = ModelFixtures.modelFile().safetensors()
        file.tensors.append(SafetensorsTensor(name: "lstm.weight_ih_l1", storage: .float32, shape: [1], values: [0]))
        let url = try write(file)
        assertLoadFails(url, "\(url.path): unexpected tensor 'lstm.weight_ih_l1' for this model's configuration")
    }

    func testBadConfigAndLabels() throws {
        var file = ModelFixtures.modelFile().safetensors()
        file.metadata["config"] = "{\"cell\":\"lstm\"}"
        let url = try write(file)
        assertLoadFails(url, "\(url.path): bad 'config' metadata: not a valid model configuration (missing 'bidirectional')")

        file = ModelFixtures.modelFile().safetensors()
        file.metadata["labels"] = "[\"only\"]"
        let labels = try write(file, name: "labels.safetensors")
        assertLoadFails(labels, "\(labels.path): bad 'labels' metadata: 1 labels for 2 classes")

        file = ModelFixtures.modelFile().safetensors()
        file.metadata["vocabulary"] = "<pad>\n<unk>\ngood"
        let vocabulary = try write(file, name: "vocab.safetensors")
        assertLoadFails(vocabulary, "\(vocabulary.path): bad 'vocabulary' metadata: 3 tokens for vocabulary size 8")
    }

    func testEmptyTokenInVocabularyMetadataIsAnErrorNotACrash() throws {
        var file = ModelFixtures.modelFile().safetensors()
        var tokens = file.metadata["vocabulary"]!.split(separator: "\n", omittingEmptySubsequences: false)
        tokens[tokens.count - 1] = ""
        file.metadata["vocabulary"] = tokens.joined(separator: "\n")
        let url = try write(file)
        XCTAssertThrowsError(try SentimentModel.load(contentsOf: url)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(url.path): bad 'vocabulary' metadata: "), "\(error)")
        }
    }

    func testRandomCorruptionOfAModelNeverCrashes() throws {
        let bytes = ModelFixtures.modelFile().safetensors().serialized()
        var generator = SeededTestGenerator(seed: 11)
        var failures = 0
        for trial in 0..<300 {
            var corrupted = bytes
            if trial % 3 == 0 {
                corrupted = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                // Flip bits in the header, where corruption changes meaning.
                let headerEnd = min(bytes.count, 8 + bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) })
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    corrupted[Int.random(in: 0..<headerEnd, using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                }
            }
            do {
                _ = try SentimentModel.load(bytes: ModelBytes(Data(corrupted)), source: "fuzz")
            } catch let error as ModelFileError {
                XCTAssertEqual(error.file, "fuzz")
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 250, "most corruptions must be caught")
    }

    func testFingerprintIsTheDigestOfTheFileBytes() throws {
        let url = directory.appendingPathComponent("m.safetensors")
        try ModelFixtures.modelFile().write(to: url)
        let model = try SentimentModel.load(contentsOf: url)
        let bytes = try Data(contentsOf: url)
        XCTAssertEqual(model.fingerprint, bytes.withUnsafeBytes { contentDigest($0) })
        XCTAssertEqual(model.fingerprint.count, 32)
        try ModelFixtures.modelFile(seed: 4).write(to: url)
        XCTAssertNotEqual(try SentimentModel.load(contentsOf: url).fingerprint, model.fingerprint)
    }
}
