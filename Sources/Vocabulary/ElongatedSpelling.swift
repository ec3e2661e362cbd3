import Text

extension Vocabulary {
    /// The most runs of one token that `shortenedSpelling` tries to cut (sixteen lookups);
    /// runs after these stay as they are.
    public static let maximumElongatedRuns = 4

    /// A spelling this vocabulary holds for a stretched word it lacks: each run of
    /// `Elongation.keptRun` or more of one character that canonicalization cuts (not a
    /// digit) cut to two characters or to one. Two before one, the leftmost run first:
    /// `goooddd` tries `goodd`, then `good`; `greeeat` tries `greeat`, then `great`.
    /// nil when the token has no such run or no cut spelling is held.
    /// - Complexity: O(2^r · n) for r runs (at most `maximumElongatedRuns`) in n bytes.
    public func shortenedSpelling(of token: UnsafeBufferPointer<UInt8>) -> (id: Int32, spelling: String)? {
        let scalars = Array(String(decoding: token, as: UTF8.self).unicodeScalars)
        var runs: [Range<Int>] = []
        var start = 0
        while start < scalars.count, runs.count < Self.maximumElongatedRuns {
            var end = start + 1
            while end < scalars.count, scalars[end] == scalars[start] { end += 1 }
            if end - start >= Elongation.keptRun, Elongation.isCut(scalars[start].value) { runs.append(start..<end) }
            start = end
        }
        guard !runs.isEmpty else { return nil }
        for choice in 0..<(1 << runs.count) {
            var spelling = String.UnicodeScalarView()
            var next = 0
            for (index, run) in runs.enumerated() {
                spelling.append(contentsOf: scalars[next..<run.lowerBound])
                // Bit r-1 is the leftmost run's, so it changes last: 2, 2 … before 1.
                let kept = choice >> (runs.count - 1 - index) & 1 == 0 ? 2 : 1
                spelling.append(contentsOf: repeatElement(scalars[run.lowerBound], count: kept))
                next = run.upperBound
            }
            spelling.append(contentsOf: scalars[next...])
            let word = String(spelling)
            let found = id(of: word)
            if found > Self.unknownID { return (found, word) }
        }
        return nil
    }
}
