import ArgumentParser
import Foundation
import Text

/// `sentiment tokenize [TEXT …]`: the tokens the models see, one line per input.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Print the tokens of each text, space-separated, one line per text.",
        discussion: """
            Tokens are what the models see: NFKC case-folded text cut by ICU word breaking, \
            with Penn Treebank clitics (can't → ca n't), punctuation marks one token each, \
            emoji and emoticons whole, and <url>, <email>, <user> placeholders. With no TEXT, \
            or for each TEXT that is '-', tokenizes standard input line by line.
            """
    )

    @Flag(name: .customLong("ptb"), help: "Undo Penn Treebank escapes: -lrb- → (, -rrb- → ), `` and '' → \" (default: off).")
    var unescapePTBBrackets = false

    @Argument(help: "Texts to tokenize; '-' or none reads lines from standard input.")
    var texts: [String] = []

    func run() throws {
        let tokenizer = Tokenizer(options: TokenizerOptions(unescapePTBBrackets: unescapePTBBrackets))
        let output = StandardOutput.shared
        let inputs = texts.isEmpty ? ["-"] : texts
        for input in inputs {
            if input == "-" {
                try forEachStandardInputLine { line in
                    try output.write(tokenizedLine(line, with: tokenizer))
                } afterEachRead: {
                    // Flush what a read produced, so `tail -f … | sentiment tokenize`
                    // shows each line as it arrives without a write per line for files.
                    try output.flush()
                }
            } else {
                var text = input
                let line = text.withUTF8 { tokenizedLine($0, with: tokenizer) }
                try output.write(line)
            }
        }
    }

    /// The tokens of `bytes`, space-separated, ending in a newline.
    private func tokenizedLine(_ bytes: UnsafeBufferPointer<UInt8>, with tokenizer: Tokenizer) -> String {
        var line: [UInt8] = []
        line.reserveCapacity(bytes.count + 16)
        tokenizer.forEachToken(inUTF8: bytes) { token in
            if !line.isEmpty { line.append(UInt8(ascii: " ")) }
            line.append(contentsOf: token)
        }
        line.append(UInt8(ascii: "\n"))
        return String(decoding: line, as: UTF8.self)
    }

    /// Calls `body` with each line of standard input (without its `\n`), as raw bytes so
    /// that invalid UTF-8 reaches the tokenizer, which reads it as U+FFFD.
    private func forEachStandardInputLine(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void, afterEachRead: () throws -> Void
    ) throws {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw UsageError(description: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            var lineStart = 0
            try pending.withUnsafeBufferPointer { buffer in
                for index in 0..<buffer.count where buffer[index] == UInt8(ascii: "\n") {
                    try body(UnsafeBufferPointer(rebasing: buffer[lineStart..<index]))
                    lineStart = index + 1
                }
            }
            pending.removeFirst(lineStart)
            try afterEachRead()
        }
        if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try body($0) }
        }
    }
}
