import NN
import Vocabulary

/// Copies pretrained rows into the embedding. Rows without a vector are drawn from a
/// normal distribution with the pretrained vectors' own standard deviation, so known and
/// unknown words start on the same scale; `<pad>` stays zero.
func initializeEmbedding(_ classifier: Classifier, from vectors: PretrainedVectors, seed: UInt64) {
    guard let embedding = classifier.parameter(named: "embedding.weight") else { return }
    let width = vectors.dimension
    var sum = 0.0, sumOfSquares = 0.0, n = 0.0
    for (id, found) in vectors.found.enumerated() where found {
        for d in 0..<width {
            let value = Double(vectors.rows[id * width + d])
            sum += value
            sumOfSquares += value * value
            n += 1
        }
    }
    let deviation = n > 1 ? Float(max(1e-4, (sumOfSquares / n - (sum / n) * (sum / n)).squareRoot())) : 0.1
    var generator = SeededGenerator(seed: seed ^ 0x5EED_0F_7EC7)
    var values = embedding.value
    for id in 0..<vectors.found.count {
        for d in 0..<width {
            if id == Int(Vocabulary.paddingID) {
                values[id * width + d] = 0
            } else if vectors.found[id] {
                values[id * width + d] = vectors.rows[id * width + d]
            } else {
                values[id * width + d] = deviation * generator.nextNormal()
            }
        }
    }
    embedding.value = values
}
