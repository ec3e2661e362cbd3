import XCTest
@testable import NN

/// A forward pass for answers only (`.inference`, each cell's `infer`) gives the layer
/// outputs an evaluation pass gives, bit for bit: it only keeps less.
final class InferencePassTests: XCTestCase {
    func testInferenceOutputsEqualEvaluationOutputsBitForBit() {
        // Lengths that make the reverse direction start sequences mid-way (rows that do
        // not continue a state) and a batch whose first step has one row.
        let layouts = [PackedLayout(lengths: [3, 1, 6, 6, 2]), PackedLayout(lengths: [5])]
        for kind in CellKind.allCases {
            for directions in [1, 2] {
                for layers in [1, 2] {
                    for layout in layouts {
                        for shares in [false, true] {
                            check(kind, directions: directions, layers: layers, layout: layout, sharesRows: shares)
                        }
                    }
                }
            }
        }
    }

    func check(_ kind: CellKind, directions: Int, layers: Int, layout: PackedLayout, sharesRows: Bool) {
        var generator = SeededGenerator(seed: 5)
        let encoder = RecurrentEncoder(kind: kind, inputSize: 5, hiddenSize: 7, layerCount: layers,
                                       directionCount: directions, dropout: 0.4, generator: &generator)
        let n = layout.tokenCount
        let rowOfToken: [Int32] = (0..<n).map { Int32(($0 * 7) % 3) }
        let rows = sharesRows ? 3 : n
        let input = randomValues(rows * 5, seed: 6)
        func outputs(_ pass: ForwardPass) -> [[Float]] {
            input.withUnsafeBufferPointer { xs in
                rowOfToken.withUnsafeBufferPointer { rowOf in
                    let x = sharesRows
                        ? RecurrentInput(rows: xs.baseAddress!, stride: 5, rowCount: rows, rowOfToken: rowOf.baseAddress!)
                        : RecurrentInput(packed: xs.baseAddress!, stride: 5, tokenCount: n)
                    var unused = SeededGenerator(seed: 0)
                    encoder.forward(input: x, layout: layout, pass: pass, generator: &unused)
                }
            }
            return (0..<layers).map { Array(UnsafeBufferPointer(start: encoder.output(ofLayer: $0),
                                                                 count: n * encoder.outputWidth)) }
        }
        let evaluated = outputs(.evaluation)
        let inferred = outputs(.inference)
        let what = "\(kind) D=\(directions) L=\(layers) lengths \(layout.sortedLengths) \(sharesRows ? "shared" : "own") rows"
        // Bit for bit: == on Float, not a tolerance.
        XCTAssertTrue(inferred == evaluated, "\(what): inference differs from evaluation")
        XCTAssertTrue(evaluated.allSatisfy { $0.contains { $0 != 0 } }, "\(what): outputs are all zero")
    }
}
