import Model

extension Explanation {
    var predictedLabel: String { labels[predictedClass] }
    var explainedLabel: String { labels[explainedClass] }
    /// Σ attributions, which completeness says equals `logit − baselineLogit`.
    var attributionTotal: Double { attributions.reduce(0) { $0 + Double($1) } }
    /// The largest |attribution|, for color scales (never 0).
    var attributionScale: Float { max(attributions.map(abs).max() ?? 0, 1e-12) }

    /// Which tokens the model read as `<unk>`, for a line of the text and HTML formats
    /// ("3 of 5 tokens are not in the model's vocabulary and were read as <unk>: 😍, 👍,
    /// 💯"; ten names at most); nil when it knew every one.
    var unknownTokensNote: String? {
        let names = zip(tokens, unknown).filter(\.1).map(\.0.token)
        guard !names.isEmpty else { return nil }
        let shown = Self.shortList(Self.distinct(names))
        return "\(names.count) of \(tokens.count) tokens \(names.count == 1 ? "is" : "are") not in the model's vocabulary "
            + "and \(names.count == 1 ? "was" : "were") read as <unk>: \(shown)"
    }

    /// The emoji the model read as their names, for a line of the text and HTML formats
    /// ("read as their Unicode names, as the model's vocabulary lacks them: 👍 thumbs up
    /// sign, 😍 smiling face heart eyes"; the words are those the vocabulary holds); nil
    /// when there were none.
    var emojiNamesNote: String? {
        // One entry per emoji, "👍 thumbs up sign": an emoji always reads as the same words.
        var named: [String] = []
        var time = 0
        while time < tokens.count {
            let group = wordsOfOneToken(from: time)
            if let emoji = emoji[time] { named.append(([emoji] + group.map { tokens[$0].token }).joined(separator: " ")) }
            time = group.upperBound
        }
        guard !named.isEmpty else { return nil }
        let distinct = Self.distinct(named)
        return "read as \(distinct.count == 1 ? "its Unicode name" : "their Unicode names"), as the model's vocabulary "
            + "lacks \(distinct.count == 1 ? "it" : "them"): \(Self.shortList(distinct))"
    }

    /// The tokens read as another spelling the vocabulary holds, for a line of the text
    /// and HTML formats (":-( as :(, amaaazing as amazing (spellings the model's vocabulary
    /// holds)"; ten at most); nil when there were none.
    var respelledNote: String? {
        let pairs = Self.distinct(zip(written, tokens).compactMap { written, read in written.map { "\($0) as \(read.token)" } })
        guard !pairs.isEmpty else { return nil }
        return Self.shortList(pairs)
            + (pairs.count == 1 ? " (a spelling the model's vocabulary holds)" : " (spellings the model's vocabulary holds)")
    }

    /// `items` without repeats, in first-seen order.
    private static func distinct(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// A note's list: the first ten of `items`, then "…" when there are more.
    private static func shortList(_ items: [String]) -> String {
        items.prefix(10).joined(separator: ", ") + (items.count > 10 ? ", …" : "")
    }

    /// The attribution a highlighting shows for token `time`: its own, or, for the first
    /// word of an emoji read as its name, the sum over the emoji's words (they share one
    /// span, and attributions add up).
    func shownAttribution(_ time: Int) -> Float {
        wordsOfOneToken(from: time).reduce(0) { $0 + attributions[$1] }
    }

    /// The positions from `time` on that stand for one token of the text: the words of an
    /// emoji read as its name (the same emoji, one span), or `time` alone.
    private func wordsOfOneToken(from time: Int) -> Range<Int> {
        guard emoji[time] != nil else { return time..<(time + 1) }
        var end = time + 1
        while end < tokens.count, emoji[end] == emoji[time], tokens[end].range == tokens[time].range { end += 1 }
        return time..<end
    }

    /// The text cut into what a highlighting shows, in order: plain stretches, tokens with
    /// their spans, and, in a truncated text, the gap where the unread middle was. Spans
    /// are Unicode scalar offsets; tokens without one are left out (their numbers are in
    /// every format's rows all the same), and so are an emoji's name words after its
    /// first (the piece stands for all of them: `shownAttribution`).
    func pieces(headTokens: Int?) -> [TextPiece] {
        let length = text.unicodeScalars.count
        let gapAt = truncated ? headTokens : nil
        var pieces: [TextPiece] = [], position = 0
        for (time, span) in tokens.enumerated() {
            if time == gapAt {
                pieces.append(.gap)
                position = max(position, tokens[time...].lazy.compactMap(\.range).first?.lowerBound ?? length)
            }
            guard let range = span.range, range.lowerBound >= position, range.upperBound <= length else { continue }
            if position < range.lowerBound { pieces.append(.plain(position..<range.lowerBound)) }
            pieces.append(.token(time, range))
            position = range.upperBound
        }
        if position < length { pieces.append(.plain(position..<length)) }
        return pieces
    }
}

/// A piece of an explained text (see `Explanation.pieces`).
enum TextPiece: Equatable {
    /// Text between tokens, as scalar offsets.
    case plain(Range<Int>)
    /// Token number `time` and its span.
    case token(Int, Range<Int>)
    /// Where a truncated text's middle, which the model did not read, was.
    case gap
}
