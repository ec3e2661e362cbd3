import ArgumentParser
import Foundation
import Model
import NN
import Tensor

/// `sentiment bench engine`: times training steps, batched inference and one-sentence
/// latency of the recurrent classifier (any cell, one or two directions), exactly as scripts/bench_torch.py does for PyTorch
/// (same data, vocabulary, batches and model), and prints one JSON object.
struct EngineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time the recurrent engine's training and inference (compare: scripts/bench-engine.sh).",
        discussion: """
            Reads a TSV with a header (label<TAB>text), splits text on spaces into ids
            (vocabulary = every word, in order of first appearance), then times:
              training     Adam steps on shuffled batches (tokens/s),
              inference    eval-mode probabilities in batches (tokens/s),
              latency      one sentence at a time (median µs).
            Build with -c release for honest figures.
            """
    )

    @Option(help: "Labeled TSV with a header row (label, text).")
    var data: String

    @Option(parsing: .unconditional, help: "Hidden size per direction.")
    var hidden = 128

    @Option(parsing: .unconditional, help: "Recurrent layers.")
    var layers = 1

    @Option(help: "Recurrent cell: lstm, peephole, gru or rnn.")
    var cell: CellKind = .lstm

    @Option(parsing: .unconditional, help: "2: bidirectional; 1: forward only.")
    var directions = 2

    @Option(name: .customLong("embedding-dim"), parsing: .unconditional, help: "Embedding size.")
    var embeddingDim = 128

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Training batch size.")
    var batchSize = 64

    @Option(name: .customLong("train-steps"), parsing: .unconditional, help: "Timed training steps (after 5 warm-up steps).")
    var trainSteps = 200

    @Option(name: .customLong("inference-batch-size"), parsing: .unconditional, help: "Batch size for batched inference.")
    var inferenceBatchSize = 256

    @Option(name: .customLong("inference-sentences"), parsing: .unconditional, help: "Sentences classified in the batched-inference timing.")
    var inferenceSentences = 8192

    @Option(name: .customLong("single-sentences"), parsing: .unconditional, help: "Sentences timed one at a time.")
    var singleSentences = 500

    @Option(parsing: .unconditional, help: "Dropout before the output layer (and between layers).")
    var dropout: Float = 0.5

    @Option(parsing: .unconditional, help: "Seed for initialization, shuffling and dropout.")
    var seed: UInt64 = 1

    /// The bounds and words of `train` for the options the two share.
    func validate() throws {
        try OptionChecks.network(hidden: hidden, layers: layers, directions: directions, embeddingDim: embeddingDim, dropout: dropout)
        try OptionChecks.batchSize(batchSize)
        try OptionChecks.batchSize(inferenceBatchSize, "inference-batch-size")
        for (name, value) in [("train-steps", trainSteps), ("inference-sentences", inferenceSentences),
                              ("single-sentences", singleSentences)] {
            try OptionChecks.positive(value, name)
        }
    }

    func run() throws {
        let (sequences, labels, vocabularySize) = try loadBenchData(path: data)
        // The training steps cycle through whole batches of the shuffled sentences.
        guard sequences.count >= batchSize else {
            throw BenchDataError(description: "\(data): \(sequences.count) sentences, fewer than one batch (--batch-size \(batchSize))")
        }
        let classCount = (labels.max() ?? 1) + 1
        let config = ClassifierConfig(vocabularySize: vocabularySize, embeddingDim: embeddingDim, hiddenSize: hidden,
                                      layers: layers, classCount: max(classCount, 2), dropout: dropout,
                                      pooling: .last, cell: cell, directions: directions)
        if let problem = config.trainingMemoryProblem(memory: ProcessInfo.processInfo.physicalMemory) {
            throw UsageError(description: problem)
        }
        let classifier = Classifier(config: config, seed: seed)
        let adam = Adam(parameters: classifier.parameters, learningRate: 1e-3)
        var generator = SeededGenerator(seed: seed)
        var order = Array(sequences.indices)
        order.shuffle(using: &generator)
        let clock = ContinuousClock()

        // Training: 5 warm-up steps (workspaces grow to size), then the timed ones.
        var trainTokens = 0
        var trainTime = Duration.zero
        var trainCPU = 0.0
        var lastLoss: Float = 0
        let batchCount = order.count / batchSize
        for step in 0..<(trainSteps + 5) {
            let start = (step % batchCount) * batchSize
            let indices = order[start..<(start + batchSize)]
            let batch = PaddedBatch(sequences: indices.map { sequences[$0] })
            let batchLabels = indices.map { labels[$0] }
            let began = clock.now
            let beganCPU = processCPUSeconds()
            classifier.zeroGradients()
            lastLoss = classifier.trainStep(batch, labels: batchLabels, classWeights: nil, generator: &generator)
            adam.step()
            if step >= 5 {
                trainTime += clock.now - began
                trainCPU += processCPUSeconds() - beganCPU
                trainTokens += batch.lengths.reduce(0, +)
            }
        }

        // Batched inference over the first sentences in file order.
        let inferenceCount = min(inferenceSentences, sequences.count)
        var inferenceTokens = 0
        var inferenceTime = Duration.zero
        var inferenceCPU = 0.0
        for round in 0..<2 {   // round 0 warms up
            var start = 0
            while start < inferenceCount {
                let end = min(start + inferenceBatchSize, inferenceCount)
                let batch = PaddedBatch(sequences: Array(sequences[start..<end]))
                let began = clock.now
                let beganCPU = processCPUSeconds()
                let probabilities = classifier.probabilities(batch)
                if round == 1 {
                    inferenceTime += clock.now - began
                    inferenceCPU += processCPUSeconds() - beganCPU
                    inferenceTokens += batch.lengths.reduce(0, +)
                }
                precondition(probabilities.count == (end - start) * config.classCount)
                start = end
            }
        }

        // One sentence at a time (a spread of lengths: every k-th sentence).
        let single = min(singleSentences, sequences.count)
        let strideLength = max(1, sequences.count / single)
        var latencies: [Double] = []
        var singleTokens = 0
        for index in 0..<(single + 20) {
            let sentence = sequences[(index * strideLength) % sequences.count]
            let began = clock.now
            _ = classifier.probabilities(PaddedBatch(sequences: [sentence]))
            let elapsed = clock.now - began
            if index >= 20 {
                latencies.append(seconds(elapsed) * 1e6)
                singleTokens += sentence.count
            }
        }
        latencies.sort()

        let result: [String: Any] = [
            "implementation": "swift",
            "blas_kernels": BLASSetup.kernelName,
            "blas_kernels_chosen_by": BLASSetup.kernelsChosenHere == nil ? "openblas" : "sentiment",
            "hidden": hidden, "layers": layers, "cell": cell.rawValue, "directions": directions, "embedding_dim": embeddingDim, "batch_size": batchSize,
            "vocabulary": vocabularySize,
            "train_steps": trainSteps,
            "train_tokens_per_s": Double(trainTokens) / seconds(trainTime),
            "train_ms_per_step": seconds(trainTime) * 1e3 / Double(trainSteps),
            "train_tokens_per_cpu_s": Double(trainTokens) / trainCPU,
            "last_loss": Double(lastLoss),
            "infer_tokens_per_s": Double(inferenceTokens) / seconds(inferenceTime),
            "infer_tokens_per_cpu_s": Double(inferenceTokens) / inferenceCPU,
            "single_latency_us_median": latencies[latencies.count / 2],
            "single_mean_tokens": Double(singleTokens) / Double(latencies.count),
            "peak_rss_mb": peakResidentMegabytes(),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}

private func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
}

/// CPU time of the whole process (all threads) so far: with the machine shared, the
/// work per CPU-second is steadier than wall-clock throughput.
private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// The process's peak resident set so far (getrusage's ru_maxrss, KiB on Linux).
private func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

struct BenchDataError: Error, CustomStringConvertible {
    var description: String
}

/// Sentences as ids from a whitespace split (ids by first appearance; 0 = padding,
/// 1 = unknown, unused here), the integer labels, and the vocabulary size. The same
/// rules as scripts/bench_torch.py.
private func loadBenchData(path: String) throws -> (sequences: [[Int32]], labels: [Int], vocabularySize: Int) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw BenchDataError(description: "\(path): cannot read file")
    }
    var ids: [Substring: Int32] = [:]
    var sequences: [[Int32]] = []
    var labels: [Int] = []
    for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        if number == 0 || line.isEmpty { continue }
        let columns = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        guard columns.count == 2, let label = Int(columns[0]) else {
            throw BenchDataError(description: "\(path):\(number + 1): expected an integer label, a tab and text")
        }
        var sentence: [Int32] = []
        for word in columns[1].split(separator: " ") {
            if let id = ids[word] {
                sentence.append(id)
            } else {
                let id = Int32(ids.count + 2)
                ids[word] = id
                sentence.append(id)
            }
        }
        if sentence.isEmpty { continue }
        sequences.append(sentence)
        labels.append(label)
    }
    guard !sequences.isEmpty else { throw BenchDataError(description: "\(path): no sentences") }
    return (sequences, labels, ids.count + 2)
}
