import Foundation
@testable import Model
import Vocabulary

/// A small vocabulary with mixed case, so that lower-cased matches are exercised too.
private let vectorsVocabulary = Vocabulary(
    tokens: ["<pad>", "<unk>", "the", "good", "bad", "Movie", "movie", "FILM", "é", "👍"],
    counts: [0, 0, 9, 8, 7, 6, 5, 4, 3, 2])

/// The vectors targets' body: the input as a vectors file, its dimension and its rows
/// for `vectorsVocabulary`.
func checkVectors(_ bytes: UnsafeBufferPointer<UInt8>) {
    let url = URL(fileURLWithPath: FuzzInputFile.write(bytes))
    do {
        let dimension = try PretrainedVectors.dimension(of: url)
        fuzzCheck(dimension >= 1, "dimension \(dimension)")
        let vectors = try PretrainedVectors(contentsOf: url, vocabulary: vectorsVocabulary)
        fuzzCheck(vectors.dimension == dimension, "dimension(of:) \(dimension), vectors \(vectors.dimension)")
        fuzzCheck(vectors.rows.count == vectorsVocabulary.count * dimension, "\(vectors.rows.count) values")
        fuzzCheck(vectors.rows.allSatisfy(\.isFinite), "a non-finite value was kept")
    } catch is VectorsFileError {
        return
    } catch {
        fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
    }
}
