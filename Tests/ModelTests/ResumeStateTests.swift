import Foundation
import XCTest
@testable import Model

/// `train --resume` continues an interrupted run exactly: the resume file carries the
/// last weights, the progress and Adam's state, so stopping and resuming changes nothing.
final class ResumeStateTests: XCTestCase {
    static let demo = ModelFixtures.demoCorpus

    /// Epochs every run here covers before it is stopped for comparison.
    static let epochs = 5
    /// The interrupted run stops during epoch `interruptedAfter + 1`.
    static let interruptedAfter = 4

    var directory: URL!

    override func setUpWithError() throws {
        directory = try ModelFixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A small model on the demo corpus, with plateau decay so the learning rate changes
    /// along the way. `epochs` is one more than the runs go: they are stopped at the start
    /// of the last one, which leaves the resume file of epoch `Self.epochs` behind.
    func setup(in folder: String) throws -> TrainingSetup {
        let folder = directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The first 1,501 rows of the demo split, which the numbers below were found on.
        var setup = TrainingSetup(trainPath: try ModelFixtures.demoTrainingSlice(in: directory).path,
                                  output: folder.appendingPathComponent("demo.safetensors"))
        setup.devPath = Self.demo.appendingPathComponent("dev.tsv").path
        setup.embeddingDim = 8
        setup.hiddenSize = 8
        setup.pooling = .mean
        setup.dropout = 0.2
        setup.training.epochs = Self.epochs + 1
        setup.training.patience = Self.epochs + 1
        setup.training.batchSize = 16
        // With seed 32 and lr 0.02 the dev score falls after epoch 4 (the rate is halved,
        // to 0.01), so epoch 3 is the best of the first four, and epoch 5 is the best.
        setup.training.learningRate = 0.02
        setup.training.seed = 32
        setup.training.plateauDecay = 0.5
        return setup
    }

    /// Runs `setup` until `stop(epoch, batch)` says so before a batch (epoch counts from 1,
    /// batch from 0 within it).
    @discardableResult
    func train(_ setup: TrainingSetup, stoppingAt stop: @escaping (Int, Int) -> Bool) throws -> TrainingResult {
        var epoch = (setup.resume ? try ResumeState.read(from: setup.resumeURL, modelURL: setup.output).progress.epochsDone : 0) + 1
        var batch = 0
        return try TrainingRun(setup: setup).run(onEvent: { event in
            switch event {
            case .batch: batch += 1
            case .epoch(let record, _): epoch = record.epoch + 1; batch = 0
            case .started: break
            }
        }, shouldStop: { stop(epoch, batch) })
    }

    /// Trains `Self.epochs` epochs in one go and returns the setup, whose resume file and
    /// model now hold the end of epoch `Self.epochs`.
    func uninterruptedRun() throws -> TrainingSetup {
        let setup = try setup(in: "straight")
        let result = try train(setup) { epoch, _ in epoch > Self.epochs }
        XCTAssertEqual(result.outcome, .interrupted)
        return setup
    }

    /// Trains into the middle of epoch `Self.interruptedAfter + 1` and stops there.
    func interruptedRun() throws -> TrainingSetup {
        var setup = try setup(in: "resumed")
        let first = try train(setup) { epoch, batch in epoch == Self.interruptedAfter + 1 && batch == 10 }
        XCTAssertEqual(first.outcome, .interrupted)
        XCTAssertEqual(first.history.map(\.epoch), Array(1...Self.interruptedAfter))
        setup.resume = true
        return setup
    }

    /// The resume file's entries and progress, with the timing fields of the history
    /// cleared (they are measured, not computed).
    func contents(ofResumeFileOf setup: TrainingSetup) throws -> (SafetensorsFile, TrainingProgress) {
        let file = try SafetensorsFile.read(contentsOf: setup.resumeURL)
        var progress = try JSONDecoder().decode(TrainingProgress.self, from: Data(file.metadata[ResumeState.metadataKey]!.utf8))
        for index in progress.history.indices {
            progress.history[index].seconds = 0
            progress.history[index].tokensPerSecond = 0
        }
        return (file, progress)
    }

    /// Tensor by tensor, so a failure names the first one that differs.
    func assertSameTensors(_ actual: [SafetensorsTensor], _ expected: [SafetensorsTensor],
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.map(\.name), expected.map(\.name), file: file, line: line)
        for (a, e) in zip(actual, expected) where a != e {
            XCTFail("\(a.name) differs", file: file, line: line)
            return
        }
    }

    /// Rewrites the resume file of `setup` through `edit`.
    func editResumeFile(of setup: TrainingSetup, _ edit: (inout SafetensorsFile) -> Void) throws {
        var file = try SafetensorsFile.read(contentsOf: setup.resumeURL)
        edit(&file)
        try file.write(to: setup.resumeURL)
    }

    func testResumedRunEndsBitIdenticalToAnUninterruptedOne() throws {
        let straight = try uninterruptedRun()
        let resumed = try interruptedRun()
        // The stretch before the interruption ends on a plateau: the learning rate was
        // halved, and the resumed part must pick up the halved rate.
        let (interrupted, interruptedProgress) = try contents(ofResumeFileOf: resumed)
        XCTAssertEqual(interruptedProgress.learningRate, 0.01)
        XCTAssertEqual(interrupted.metadata[ResumeState.optimizerMetadataKey], #"{"step":376}"#, "4 epochs × 94 batches")
        XCTAssertEqual(interrupted.tensors.filter { $0.name.hasPrefix("optimizer.") }.count, 2 * 11, "m and v of 11 parameters")
        try train(resumed) { epoch, _ in epoch > Self.epochs }

        let (expected, expectedProgress) = try contents(ofResumeFileOf: straight)
        let (actual, actualProgress) = try contents(ofResumeFileOf: resumed)
        XCTAssertEqual(actualProgress, expectedProgress)
        XCTAssertEqual(actual.metadata[ResumeState.optimizerMetadataKey], #"{"step":470}"#)
        XCTAssertEqual(actual.metadata[ResumeState.optimizerMetadataKey], expected.metadata[ResumeState.optimizerMetadataKey])
        // The last weights and Adam's moments, bit for bit.
        assertSameTensors(actual.tensors, expected.tensors)
        // The best epoch is one trained after the resume; the models agree too.
        XCTAssertEqual(actualProgress.bestEpoch, Self.epochs)
        assertSameTensors(try SentimentModelFile.read(contentsOf: resumed.output).tensors,
                          try SentimentModelFile.read(contentsOf: straight.output).tensors)
    }

    func testResumeFileWithoutOptimizerStateStillResumesWithFreshMoments() throws {
        let straight = try uninterruptedRun()
        let resumed = try interruptedRun()
        // A resume file as written before optimizer state was saved.
        try editResumeFile(of: resumed) { file in
            file.metadata[ResumeState.optimizerMetadataKey] = nil
            file.tensors.removeAll { $0.name.hasPrefix("optimizer.") }
        }
        var log: [String] = []
        var epoch = Self.interruptedAfter + 1
        let result = try TrainingRun(setup: resumed, log: { log.append($0) }).run(onEvent: { event in
            if case .epoch(let record, _) = event { epoch = record.epoch + 1 }
        }, shouldStop: { epoch > Self.epochs })
        XCTAssertEqual(result.history.map(\.epoch), Array(1...Self.epochs))
        XCTAssertTrue(log.contains(
            "resuming after epoch 4 (best so far: epoch 3); the resume file predates saved optimizer state, so Adam restarts its moments"),
            log.joined(separator: "\n"))
        // Restarted moments change the path: the saved state is what makes resume exact.
        let (expected, _) = try contents(ofResumeFileOf: straight)
        let (actual, _) = try contents(ofResumeFileOf: resumed)
        XCTAssertNotEqual(actual.tensors.first { $0.name == "fc.weight" }, expected.tensors.first { $0.name == "fc.weight" })
    }

    func testDamagedOptimizerStateIsAnErrorNamingTheResumeFile() throws {
        let resumed = try interruptedRun()
        let path = resumed.resumeURL.path
        let pristine = try SafetensorsFile.read(contentsOf: resumed.resumeURL)
        let cases: [(String, (inout SafetensorsFile) -> Void)] = [
            ("\(path): tensor 'optimizer.exp_avg_sq.fc.bias' is missing", { file in
                file.tensors.removeAll { $0.name == "optimizer.exp_avg_sq.fc.bias" }
            }),
            ("\(path): tensor 'optimizer.exp_avg.fc.bias' has shape [2], expected [3]", { file in
                let index = file.tensors.firstIndex { $0.name == "optimizer.exp_avg.fc.bias" }!
                file.tensors[index] = SafetensorsTensor(name: "optimizer.exp_avg.fc.bias", storage: .float32, shape: [2], values: [0, 0])
            }),
            ("\(path): tensor 'optimizer.exp_avg.fc.weight' has shape [16, 3], expected [3, 16]", { file in
                let index = file.tensors.firstIndex { $0.name == "optimizer.exp_avg.fc.weight" }!
                file.tensors[index].shape = [16, 3]
            }),
            ("\(path): unexpected tensor 'optimizer.exp_avg.lstm.extra' for this model's configuration", { file in
                file.tensors.append(SafetensorsTensor(name: "optimizer.exp_avg.lstm.extra", storage: .float32, shape: [1], values: [0]))
            }),
            (#"\#(path): bad 'optimizer' metadata: expected {"step": t} with t ≥ 0, found {"step":-3}"#, { file in
                file.metadata[ResumeState.optimizerMetadataKey] = #"{"step":-3}"#
            }),
            (#"\#(path): bad 'optimizer' metadata: expected {"step": t} with t ≥ 0, found steps"#, { file in
                file.metadata[ResumeState.optimizerMetadataKey] = "steps"
            }),
            ("\(path): bad 'optimizer' metadata: missing, but the file holds optimizer tensors such as 'optimizer.exp_avg.embedding.weight'", { file in
                file.metadata[ResumeState.optimizerMetadataKey] = nil
            }),
        ]
        for (message, damage) in cases {
            var file = pristine
            damage(&file)
            try file.write(to: resumed.resumeURL)
            XCTAssertThrowsError(try TrainingRun(setup: resumed).run()) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testResumingWithAnotherFreezeEmbeddingsIsAnError() throws {
        var resumed = try interruptedRun()
        resumed.training.freezeEmbeddings = true
        XCTAssertThrowsError(try TrainingRun(setup: resumed).run()) { error in
            XCTAssertEqual("\(error)", "\(resumed.resumeURL.path): the interrupted run trained the embedding; resume without --freeze-embeddings")
        }
    }

    func testResumingWithOtherShapeOrDataOptionsIsRefusedNamingEach() throws {
        var resumed = try interruptedRun()
        let before = try Data(contentsOf: resumed.resumeURL)
        let learningRate = resumed.training.learningRate
        let trainedOn = resumed.trainPath
        resumed.hiddenSize = 64
        resumed.pooling = .max
        resumed.trainPath = Self.demo.appendingPathComponent("test.tsv").path
        resumed.training.learningRate = 0.5
        resumed.training.sparseEmbeddingUpdates = true
        resumed.training.epochs = 50  // may change
        XCTAssertThrowsError(try TrainingRun(setup: resumed).run()) { error in
            XCTAssertTrue(error is TrainingError)
            XCTAssertEqual("\(error)", "cannot resume: \(resumed.resumeURL.path) is from a run with other options: "
                + "--train \(trainedOn) (now \(Self.demo.path)/test.tsv), --hidden 8 (now 64), --pool mean (now max), "
                + "--lr \(learningRate) (now 0.5), --sparse-adam off (now on); give that run's options (--epochs and --patience may change), or start afresh without --resume")
        }
        XCTAssertEqual(try Data(contentsOf: resumed.resumeURL), before, "a refused resume leaves the resume file alone")
    }

    func testResumingOnAChangedFileIsRefused() throws {
        let folder = directory.appendingPathComponent("changed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let train = folder.appendingPathComponent("train.tsv")
        try FileManager.default.copyItem(at: Self.demo.appendingPathComponent("train.tsv"), to: train)
        var setup = try setup(in: "changed")
        setup.trainPath = train.path
        let first = try self.train(setup) { epoch, _ in epoch == 2 }
        XCTAssertEqual(first.outcome, .interrupted)
        let handle = try FileHandle(forWritingTo: train)
        handle.seekToEndOfFile()
        handle.write(Data("positive\ta late addition\n".utf8))
        try handle.close()
        setup.resume = true
        let rows = try XCTUnwrap(ResumeState.read(from: setup.resumeURL, modelURL: setup.output).file.configuration.training?.data.trainRows)
        XCTAssertThrowsError(try TrainingRun(setup: setup).run()) { error in
            XCTAssertEqual("\(error)", "cannot resume: \(setup.resumeURL.path) is from a run with other data: "
                + "\(rows) training rows (now \(rows + 1)); resume with the same files, or start afresh without --resume")
        }
    }
}
