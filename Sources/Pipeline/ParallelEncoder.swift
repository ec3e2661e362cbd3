import Dispatch
import Foundation

/// Encodes many texts on every core: the data side of training and evaluation.
///
/// The texts are cut into one contiguous slice per core; `encode` must be thread-safe
/// (the tokenizer and vocabulary are).
/// - Complexity: O(total text length) / cores.
public func encodeInParallel(_ texts: [String], cores: Int = defaultCoreCount, encode: (String) -> [Int32]) -> [[Int32]] {
    let slices = max(1, min(cores, texts.count / 64))
    guard slices > 1 else { return texts.map(encode) }
    var results = [[[Int32]]](repeating: [], count: slices)
    let sliceSize = (texts.count + slices - 1) / slices
    results.withUnsafeMutableBufferPointer { out in
        let out = UncheckedBox(out)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = slice * sliceSize..<min((slice + 1) * sliceSize, texts.count)
            out.value[slice] = texts[range].map(encode)
        }
    }
    return results.flatMap { $0 }
}

/// The number of cores this process may use.
public var defaultCoreCount: Int {
    max(1, ProcessInfo.processInfo.activeProcessorCount)
}
