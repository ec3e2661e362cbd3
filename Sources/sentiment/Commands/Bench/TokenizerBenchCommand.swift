import ArgumentParser
import Foundation
import Text

/// `sentiment bench tokenizer`: tokenizer throughput on one core, in this process.
struct TokenizerBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenizer",
        abstract: "Measure tokenizer throughput (MB/s and tokens/s) on one core.",
        discussion: """
            Tokenizes every line of FILE (or of generated English-like prose) several times, \
            both into String tokens (tokenize) and through the byte fast path that \
            vocabularies use (forEachToken), and prints each run and the medians. Build with \
            -c release for honest figures.
            """
    )

    @Option(help: "A UTF-8 text file, tokenized line by line (default: 8 MB of generated English-like prose).")
    var file: String?

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Timed runs of each method; the median is reported.")
    var repeatCount: Int = 5

    @Flag(name: .customLong("ptb"), help: "Undo Penn Treebank escapes while tokenizing (default: off).")
    var unescapePTBBrackets = false

    func validate() throws {
        try OptionChecks.positive(repeatCount, "repeat")
    }

    func run() throws {
        let lines: [String]
        let source: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UsageError(description: "\(file): cannot read the file")
            }
            lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            source = file
        } else {
            lines = EnglishLikeProse.lines(byteCount: 8_000_000)
            source = "generated English-like prose"
        }
        let byteCount = lines.reduce(0) { $0 + $1.utf8.count }
        let megabytes = Double(byteCount) / 1_000_000
        StandardError.writeLine(String(format: "input: %@ (%.1f MB, %d lines)", source, megabytes, lines.count))

        let tokenizer = Tokenizer(options: TokenizerOptions(unescapePTBBrackets: unescapePTBBrackets))
        let methods: [(name: String, run: () -> Int)] = [
            ("tokenize", {
                var tokens = 0
                for line in lines { tokens += tokenizer.tokenize(line).count }
                return tokens
            }),
            ("forEachToken", {
                var tokens = 0
                var checksum = 0
                for line in lines {
                    tokenizer.forEachToken(in: line) { bytes in
                        tokens += 1
                        checksum &+= Int(bytes[0])
                    }
                }
                // Use the bytes, so the optimizer cannot drop the work.
                return checksum == -1 ? 0 : tokens
            }),
        ]
        let output = StandardOutput.shared
        for method in methods {
            var wallRates: [Double] = [], cpuRates: [Double] = [], tokenRates: [Double] = []
            for run in 1...repeatCount {
                let wallStart = Self.seconds(CLOCK_MONOTONIC), cpuStart = Self.seconds(CLOCK_THREAD_CPUTIME_ID)
                let tokens = method.run()
                let wall = Self.seconds(CLOCK_MONOTONIC) - wallStart
                let cpu = Self.seconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart
                wallRates.append(megabytes / wall)
                cpuRates.append(megabytes / cpu)
                tokenRates.append(Double(tokens) / wall)
                try output.writeLineNow(String(
                    format: "%@ run %d: %.2f MB/s, %.2f M tokens/s (%d tokens, %.3f s; %.2f MB/s of CPU time)",
                    method.name, run, megabytes / wall, Double(tokens) / wall / 1e6, tokens, wall, megabytes / cpu))
            }
            try output.writeLineNow(String(
                format: "%@ median: %.2f MB/s, %.2f M tokens/s (%.2f MB/s of CPU time)", method.name,
                Self.median(wallRates), Self.median(tokenRates) / 1e6, Self.median(cpuRates)))
        }
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    /// A clock's reading in seconds. The thread's CPU time leaves out the time other
    /// processes took the core: on a shared machine, wall-clock figures vary with load.
    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

/// Deterministic English-like prose for the benchmark: sentences of common words with
/// capitals, commas, clitics, the odd `!!!` and emoticon, as reviews are written.
enum EnglishLikeProse {
    static func lines(byteCount: Int) -> [String] {
        let words = """
            the a movie film was is it and of to in that this but not very really good bad great \
            story acting plot characters director scenes just one time ever best worst would could \
            watch again beautiful boring funny love hate performance music ending all at as for with \
            actors script long slow well made I you they we he she some more than too much so
            """.split(separator: " ").map(String.init)
        let clitics = ["don't", "isn't", "it's", "can't", "I'm", "they're", "won't", "I've", "didn't"]
        let endings = [".", ".", ".", "!", "?", "!!!", "...", " :)", " :("]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // xorshift64*: fast, seeded, identical on every platform
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
        }
        var lines: [String] = []
        var total = 0
        while total < byteCount {
            var line = ""
            for sentence in 0..<(3 + next(6)) {
                if sentence > 0 { line += " " }
                let length = 6 + next(18)
                for index in 0..<length {
                    var word = next(10) == 0 ? clitics[next(clitics.count)] : words[next(words.count)]
                    if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                    line += (index == 0 ? "" : " ") + word
                    if index > 0 && index < length - 1 && next(12) == 0 { line += "," }
                }
                line += endings[next(endings.count)]
            }
            total += line.utf8.count + 1
            lines.append(line)
        }
        return lines
    }
}
