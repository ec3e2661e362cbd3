import Files
import Foundation
import NN

/// The resume file, `MODEL.resume`, kept beside the model while a run is unfinished and
/// rewritten atomically after every epoch. It is itself a safetensors model file (float32)
/// holding the *last* epoch's weights, plus what the next epoch needs to continue exactly
/// as an uninterrupted run would:
///
/// - metadata `resume`: the JSON `TrainingProgress` (epochs done, best epoch and score,
///   patience count, history, the learning rate after plateau decay);
/// - metadata `optimizer`: JSON `{"step": t}`, Adam's step count;
/// - tensors `optimizer.exp_avg.NAME` and `optimizer.exp_avg_sq.NAME`: Adam's first and
///   second moments of each trained parameter NAME, in the parameter's shape (PyTorch's
///   names for them).
///
/// The best weights are the model file's own. Shuffles and dropout masks need no state:
/// each epoch seeds its generator from `(seed, epoch)`. So a resumed run ends with the
/// same weights, bit for bit, as one that was never stopped. Resume files written before
/// the optimizer state was saved still load; Adam then restarts its moments (bias
/// correction makes that a gentle warm restart).
///
/// The model file format is untouched: only this internal file carries the extra entries.
struct ResumeState {
    static let metadataKey = "resume"
    static let optimizerMetadataKey = "optimizer"
    static let firstMomentPrefix = "optimizer.exp_avg."
    static let secondMomentPrefix = "optimizer.exp_avg_sq."

    /// The `optimizer` metadata entry.
    struct OptimizerRecord: Codable, Equatable {
        /// Adam's step count t.
        var step: Int
    }

    /// The resume file itself, named in errors.
    var url: URL
    var file: SentimentModelFile
    var progress: TrainingProgress
    /// Parameter values after the last finished epoch, in state-dict order.
    var lastWeights: [[Float]]
    /// Parameter values of the best epoch (from the model file).
    var bestWeights: [[Float]]
    /// Adam's step count, or nil in a resume file that predates optimizer state.
    var optimizerRecord: OptimizerRecord?
    /// The `optimizer.*` tensors by name, checked against the optimizer's parameters when
    /// they are restored.
    var optimizerTensors: [String: SafetensorsTensor]

    static func write(file: SentimentModelFile, progress: TrainingProgress, optimizer: Adam, to url: URL) throws {
        var safetensors = file.safetensors()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        safetensors.metadata[metadataKey] = String(decoding: try encoder.encode(progress), as: UTF8.self)
        let state = optimizer.state
        safetensors.metadata[optimizerMetadataKey] = String(
            decoding: try encoder.encode(OptimizerRecord(step: state.stepCount)), as: UTF8.self)
        for (prefix, moments) in [(firstMomentPrefix, state.firstMoments), (secondMomentPrefix, state.secondMoments)] {
            for (parameter, values) in zip(optimizer.parameters, moments) {
                safetensors.tensors.append(SafetensorsTensor(
                    name: prefix + parameter.name, storage: .float32, shape: parameter.shape, values: values))
            }
        }
        try safetensors.write(to: url)
    }

    static func read(from url: URL, modelURL: URL) throws -> ResumeState {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError("nothing to resume: \(url.path) does not exist (it is removed when a run finishes)")
        }
        var safetensors = try SafetensorsFile.read(contentsOf: url)
        guard let progressText = safetensors.metadata[metadataKey],
              let progress = try? JSONDecoder().decode(TrainingProgress.self, from: Data(progressText.utf8))
        else {
            throw ModelFileError(file: url.path, problem: .badMetadata(key: metadataKey, detail: "missing or not valid JSON"))
        }
        // The optimizer's entries come off before the rest is read as a model.
        var optimizerTensors: [String: SafetensorsTensor] = [:]
        for tensor in safetensors.tensors where tensor.name.hasPrefix("optimizer.") {
            optimizerTensors[tensor.name] = tensor
        }
        safetensors.tensors.removeAll { $0.name.hasPrefix("optimizer.") }
        var optimizerRecord: OptimizerRecord?
        if let recordText = safetensors.metadata[optimizerMetadataKey] {
            guard let record = try? JSONDecoder().decode(OptimizerRecord.self, from: Data(recordText.utf8)), record.step >= 0 else {
                throw ModelFileError(file: url.path, problem: .badMetadata(
                    key: optimizerMetadataKey, detail: "expected {\"step\": t} with t ≥ 0, found \(recordText)"))
            }
            optimizerRecord = record
        } else if let name = optimizerTensors.keys.min() {
            throw ModelFileError(file: url.path, problem: .badMetadata(
                key: optimizerMetadataKey, detail: "missing, but the file holds optimizer tensors such as '\(name)'"))
        }
        let file = try SentimentModelFile.decode(safetensors, file: url.path)
        var bestWeights = file.tensors.map(\.values)
        if progress.bestEpoch > 0 {
            let best = try SentimentModelFile.read(contentsOf: modelURL)
            guard best.configuration.network == file.configuration.network else {
                throw TrainingError("\(modelURL.path) does not match \(url.path): they come from different runs")
            }
            bestWeights = best.tensors.map(\.values)
        }
        return ResumeState(url: url, file: file, progress: progress, lastWeights: file.tensors.map(\.values),
                           bestWeights: bestWeights, optimizerRecord: optimizerRecord, optimizerTensors: optimizerTensors)
    }

    /// Puts the saved step count and moments into `optimizer`. Returns false, leaving it
    /// fresh, for a resume file that predates optimizer state. Throws an error naming the
    /// resume file when a moment of one of `optimizer`'s parameters is missing or
    /// misshapen, or the file holds moments of a parameter it does not train (the run
    /// changed --freeze-embeddings).
    @discardableResult
    func restoreOptimizer(_ optimizer: Adam) throws -> Bool {
        guard let optimizerRecord else { return false }
        func fail(_ problem: ModelFileError.Problem) -> ModelFileError {
            ModelFileError(file: url.path, problem: problem)
        }
        // A run resumed with a different --freeze-embeddings trains another set of
        // parameters: say so rather than name a missing or unexpected tensor.
        let saved = Set(optimizerTensors.keys.filter { $0.hasPrefix(Self.firstMomentPrefix) }
            .map { String($0.dropFirst(Self.firstMomentPrefix.count)) })
        if saved.symmetricDifference(optimizer.parameters.map(\.name)) == ["embedding.weight"] {
            throw TrainingError("\(url.path): " + (saved.contains("embedding.weight")
                ? "the interrupted run trained the embedding; resume without --freeze-embeddings"
                : "the interrupted run froze the embedding; resume with --freeze-embeddings"))
        }
        var unused = optimizerTensors
        var moments: [[[Float]]] = []
        for prefix in [Self.firstMomentPrefix, Self.secondMomentPrefix] {
            moments.append(try optimizer.parameters.map { parameter in
                let name = prefix + parameter.name
                guard let tensor = unused.removeValue(forKey: name) else { throw fail(.missingTensor(name)) }
                guard tensor.shape == parameter.shape else {
                    throw fail(.wrongShape(tensor: name, expected: parameter.shape, found: tensor.shape))
                }
                return tensor.values
            })
        }
        if let extra = unused.keys.min() { throw fail(.unexpectedTensor(extra)) }
        do {
            try optimizer.restore(Adam.State(stepCount: optimizerRecord.step, firstMoments: moments[0], secondMoments: moments[1]))
        } catch {
            // Unreachable after the shape checks above; kept so a future check in Adam
            // still reaches the user as a file error.
            throw TrainingError("\(url.path): \(error)")
        }
        return true
    }
}

extension ResumeState {
    /// The options of this run that differ from the interrupted one's, as
    /// `--hidden 128 (now 64)`: resuming with them would silently ignore some (the
    /// network's shape comes from the resume file) and mix others into the run. The
    /// number of epochs, the patience and the storage may change.
    /// - Parameter embeddingDim: this run's embedding width (`--embedding-dim`, else that
    ///   of `--vectors`, else the default).
    func differences(from setup: TrainingSetup, embeddingDim: Int) -> [String] {
        let configuration = file.configuration
        var found: [String] = []
        func compare<Value: Equatable>(_ flag: String, _ then: Value, _ now: Value, _ show: (Value) -> String) {
            if then != now { found.append("\(flag) \(show(then)) (now \(show(now)))") }
        }
        func path(_ value: String?) -> String { value ?? "not given" }
        func samePath(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b else { return a == b }
            return a == b || (FileIdentity(path: a).map { $0 == FileIdentity(path: b) } ?? false)
        }
        func comparePath(_ flag: String, _ then: String?, _ now: String?) {
            if !samePath(then, now) { found.append("\(flag) \(path(then)) (now \(path(now)))") }
        }
        guard let training = configuration.training else { return [] }
        comparePath("--train", training.data.train, setup.trainPath)
        comparePath("--dev", training.data.dev, setup.devPath)
        comparePath("--test", training.data.test, setup.testPath)
        let startedFrom: String? = setup.initialModel.map {
            switch $0 {
            case .file(let url): return url.relativePath
            case .embeddedDefault: return SentimentModel.embeddedName
            }
        }
        comparePath("--init", training.initialModel?.file, startedFrom)
        if setup.initialModel == nil {
            // Fine-tuning takes the shape from the starting model, so these apply only
            // to a run from fresh weights.
            let network = configuration.network
            compare("--embedding-dim", network.embeddingDim, embeddingDim, String.init)
            compare("--cell", network.cell, setup.cell, \.rawValue)
            compare("--directions", network.directions, setup.directions, String.init)
            compare("--hidden", network.hiddenSize, setup.hiddenSize, String.init)
            compare("--layers", network.layers, setup.layers, String.init)
            compare("--dropout", network.dropout, setup.dropout) { "\($0)" }
            compare("--pool", network.pooling, setup.pooling, \.rawValue)
            comparePath("--vectors", training.vectors?.file, setup.vectors?.path)
            compare("--min-count", training.options.minCount, setup.minCount, String.init)
            compare("--max-vocab", training.options.maxVocabulary, setup.maxVocabulary) { $0.map(String.init) ?? "no limit" }
        }
        compare("--max-length", configuration.maxLength, setup.maxLength) { $0.map(String.init) ?? "0 (no limit)" }
        compare("--ptb", configuration.tokenizer.unescapePTBBrackets, setup.tokenizer.unescapePTBBrackets) { $0 ? "on" : "off" }
        let options = setup.training
        compare("--seed", training.seed, options.seed, String.init)
        compare("--batch-size", training.options.batchSize, options.batchSize, String.init)
        compare("--lr", training.options.learningRate, options.learningRate) { "\($0)" }
        compare("--weight-decay", training.options.weightDecay, options.weightDecay) { "\($0)" }
        compare("--clip", training.options.clip, options.clip) { $0.map { "\($0)" } ?? "0 (off)" }
        compare("--lr-decay", training.options.plateauDecay ?? 1, options.plateauDecay) { "\($0)" }
        compare("--metric", training.options.metric, options.metric.rawValue) { $0 }
        compare("--class-weights", training.options.classWeights, options.classWeights) { $0 ? "on" : "off" }
        compare("--sparse-adam", TrainingOptions.sparseEmbeddingUpdates(optimizerName: training.options.optimizer),
                options.sparseEmbeddingUpdates) { $0 ? "on" : "off" }
        return found
    }
}
