import Tensor

/// Pooling a recurrent encoder's packed outputs (N, W = D·H) into one vector per
/// sequence (B, W), in the layout's sorted order. Backward passes add into the (N, W)
/// output gradient.
public enum SequencePooling {
    /// Calls `body(output, pooled)` for each of `lastForward`'s H-wide copies: the element
    /// offsets, in the (N, W) outputs and in the (B, W) pooled rows, of each sequence's
    /// forward h at its last token, then (D = 2) of its reverse h at time 0.
    private static func forEachLastState(layout: PackedLayout, hiddenSize h: Int, directions: Int,
                                         _ body: (_ output: Int, _ pooled: Int) -> Void) {
        let w = directions * h
        for b in 0..<layout.batchSize {
            body((layout.offsets[layout.sortedLengths[b] - 1] + b) * w, b * w)
            if directions == 2 { body(b * w + h, b * w + h) }
        }
    }

    /// Last states, PyTorch's `h_n`: forward h at each sequence's last token, then (D = 2)
    /// reverse h at time 0, where the reverse direction ends.
    public static func lastForward(pooled: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>,
                                   layout: PackedLayout, hiddenSize: Int, directions: Int) {
        forEachLastState(layout: layout, hiddenSize: hiddenSize, directions: directions) { read, written in
            (pooled + written).update(from: output + read, count: hiddenSize)
        }
    }

    /// outputGradient[rows that `lastForward` read] += pooledGradient.
    public static func lastBackward(outputGradient: UnsafeMutablePointer<Float>, pooledGradient: UnsafePointer<Float>,
                                    layout: PackedLayout, hiddenSize: Int, directions: Int) {
        forEachLastState(layout: layout, hiddenSize: hiddenSize, directions: directions) { output, pooled in
            addInPlace(outputGradient + output, pooledGradient + pooled, count: hiddenSize)
        }
    }

    /// Zeros what `lastBackward` wrote, so a buffer that was zero before it is zero again.
    public static func clearLastBackward(outputGradient: UnsafeMutablePointer<Float>, layout: PackedLayout,
                                         hiddenSize: Int, directions: Int) {
        forEachLastState(layout: layout, hiddenSize: hiddenSize, directions: directions) { output, _ in
            (outputGradient + output).update(repeating: 0, count: hiddenSize)
        }
    }

    /// Masked max over each sequence's real tokens; `argmax` (B, W) records the packed
    /// row of each maximum for backward (the first one on ties).
    public static func maxForward(pooled: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>,
                                  output: UnsafePointer<Float>, layout: PackedLayout, width: Int) {
        // Time-major, so the packed rows are read in memory order; each sequence still
        // sees its tokens in time order, so maxima and ties come out the same.
        let b = layout.batchSize
        pooled.update(from: output, count: b * width)
        for sequence in 0..<b {
            (argmax + sequence * width).update(repeating: Int32(sequence), count: width)
        }
        for t in 1..<layout.maxLength {
            for sequence in 0..<layout.batchSizes[t] {
                let row = layout.offsets[t] + sequence
                updateRunningMaximum(pooled + sequence * width, argmax: argmax + sequence * width,
                                     with: output + row * width, index: Int32(row), count: width)
            }
        }
    }

    /// outputGradient[argmax] += pooledGradient.
    public static func maxBackward(outputGradient: UnsafeMutablePointer<Float>, pooledGradient: UnsafePointer<Float>,
                                   argmax: UnsafePointer<Int32>, batchSize: Int, width: Int) {
        for b in 0..<batchSize {
            for j in 0..<width {
                outputGradient[Int(argmax[b * width + j]) * width + j] += pooledGradient[b * width + j]
            }
        }
    }

    /// Zeros what `maxBackward` wrote, so a buffer that was zero before it is zero again.
    public static func clearMaxBackward(outputGradient: UnsafeMutablePointer<Float>, argmax: UnsafePointer<Int32>,
                                        batchSize: Int, width: Int) {
        for index in 0..<(batchSize * width) {
            outputGradient[Int(argmax[index]) * width + index % width] = 0
        }
    }

    /// Masked mean over each sequence's real tokens.
    public static func meanForward(pooled: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>,
                                   layout: PackedLayout, width: Int) {
        // Time-major, as `maxForward`; each sum still adds its tokens in time order.
        let b = layout.batchSize
        pooled.update(from: output, count: b * width)
        for t in 1..<layout.maxLength {
            for sequence in 0..<layout.batchSizes[t] {
                addInPlace(pooled + sequence * width, output + (layout.offsets[t] + sequence) * width, count: width)
            }
        }
        for sequence in 0..<b {
            scaleInPlace(pooled + sequence * width, by: 1 / Float(layout.sortedLengths[sequence]), count: width)
        }
    }

    /// outputGradient[each real token of b] += pooledGradient[b] / length(b).
    public static func meanBackward(outputGradient: UnsafeMutablePointer<Float>, pooledGradient: UnsafePointer<Float>,
                                    layout: PackedLayout, width: Int) {
        for b in 0..<layout.batchSize {
            let scale = 1 / Float(layout.sortedLengths[b])
            let g = pooledGradient + b * width
            for t in 0..<layout.sortedLengths[b] {
                let d = outputGradient + (layout.offsets[t] + b) * width
                for j in 0..<width { d[j] += g[j] * scale }
            }
        }
    }
}
