import XCTest
@testable import Vocabulary

final class VocabularyParsingFuzzTests: XCTestCase {
    /// Corrupts a good vocabulary file at random: parsing gives a vocabulary or a
    /// `VocabularyError` with a file:line message, never a crash.
    func testCorruptedFilesNeverCrash() {
        let good = Array("<pad>\t0\n<unk>\t3\nthe\t9\nfilm\t4\n!\t2\n".utf8)
        let noise: [UInt8] = [0x09, 0x0A, 0x0D, 0x2D, 0x30, 0x39, 0x3C, 0x3E, 0x61, 0xFF, 0x00]
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var loaded = 0, rejected = 0
        for _ in 0..<2000 {
            var bytes = good
            for _ in 0..<(next(3) + 1) {
                let position = next(bytes.count + 1)
                switch next(3) {
                case 0: bytes.insert(noise[next(noise.count)], at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                default: if position < bytes.count { bytes[position] = noise[next(noise.count)] }
                }
            }
            do {
                let vocabulary = try Vocabulary.parse(bytes, file: "v.tsv")
                XCTAssertEqual(Array(vocabulary.tokens.prefix(2)), ["<pad>", "<unk>"])
                loaded += 1
            } catch {
                XCTAssertTrue(String(describing: error).hasPrefix("v.tsv"), "\(error)")
                rejected += 1
            }
        }
        XCTAssertGreaterThan(loaded, 100)
        XCTAssertGreaterThan(rejected, 100)
    }
}
