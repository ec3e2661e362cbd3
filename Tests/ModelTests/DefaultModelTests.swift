import Corpus
import Foundation
import XCTest
import Vocabulary
@testable import Model

/// The model linked into the binary: what ships beside it must agree with it, and it must
/// read text unlike SST's (our own reviews and posts, with casing, punctuation, emoji).
final class DefaultModelTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        try XCTSkipUnless(SentimentModel.hasEmbeddedDefault, "this build embeds no default model")
    }

    func testVocabularyFileIsTheModelsVocabulary() throws {
        let model = try SentimentModel.embeddedDefault()
        let file = try Vocabulary.load(contentsOf: Self.repository.appendingPathComponent("vocab/default.tsv"))
        XCTAssertEqual(file.tokens, model.vocabulary.tokens)
    }

    /// corpora/demo/test.tsv: 154 reviews, posts and neutral remarks written for this
    /// project, none seen in training (47 negative, 60 neutral, 47 positive).
    /// Its 94 negative and positive rows, read by whichever classes the model has, keep
    /// the bar the negative/positive model set (80%; it scored 90.43%, the three-way
    /// models shipped in rounds 13 and 14 88.30% and 91.49%): a retrained default under
    /// it reads everyday opinions worse than the shipped one.
    func testReadsOurOwnReviewsAndPosts() throws {
        let model = try SentimentModel.embeddedDefault()
        let all = try demoTestRows()
        let polar = all.filter { $0.label == "negative" || $0.label == "positive" }
        XCTAssertEqual(polar.count, 94)
        let polarClasses = ["negative", "positive"].compactMap { model.labels.firstIndex(of: $0) }
        XCTAssertEqual(polarClasses.count, 2, "the default model has negative and positive classes")
        let truth = polar.map { row in polarClasses.firstIndex(of: model.labels.firstIndex(of: row.label)!)! }
        // The decision between the two classes alone (the --classes negative,positive rule).
        let predicted = model.probabilities(for: encodeAll(polar, with: model.encoder)).map { row in
            argmax(polarClasses.map { row[$0] })
        }
        let metrics = ClassificationMetrics(labels: ["negative", "positive"], truth: truth, predicted: predicted)
        XCTAssertGreaterThanOrEqual(metrics.accuracy, 0.80, "demo test accuracy on its polar rows \(metrics.accuracy)")
    }

    /// A three-way default is scored on all 154 rows too, and keeps 80% of them (the
    /// round-13 model scored 76.62%, round 14's 82.47%; the goal is 85%) with the neutral
    /// class recalled.
    func testReadsNeutralRemarksAsNeutral() throws {
        let model = try SentimentModel.embeddedDefault()
        try XCTSkipUnless(model.labels == ["negative", "neutral", "positive"], "the default model has no neutral class")
        let rows = try demoTestRows()
        let mapping = LabelMapping(model: model.configuration, labels: model.labels)
        let truth = try mapping.classIndices(rows)
        let predicted = argmaxRows(model.probabilities(for: encodeAll(rows, with: model.encoder)))
        let metrics = ClassificationMetrics(labels: model.labels, truth: truth, predicted: predicted)
        XCTAssertGreaterThanOrEqual(metrics.accuracy, 0.80, "demo test accuracy, three classes \(metrics.accuracy)")
        XCTAssertGreaterThanOrEqual(metrics.perClass[1].recall, 0.55, "neutral recall \(metrics.perClass[1].recall)")
    }

    /// Round 28: the shipped model reads a stretched word its vocabulary lacks as a
    /// spelling it holds, so "amaaaazing" reads as "amazing" (it was <unk>, and neutral).
    func testReadsAStretchedWordAsTheWordItStretches() throws {
        let model = try SentimentModel.embeddedDefault()
        XCTAssertTrue(model.configuration.tokenizer.shortenElongations)
        XCTAssertEqual(model.encoder.vocabulary.id(of: "amaaazing"), Vocabulary.unknownID)
        XCTAssertEqual(model.encoder.encode("amaaaazing"), model.encoder.encode("amazing"))
    }

    /// Round 29: the shipped model reads an emoticon as its family's plain spelling, so
    /// ":-(" reads as ":(" (it was read as a happy face: "got the job :-(" was positive).
    func testReadsAnEmoticonAsItsFamilysPlainSpelling() throws {
        let model = try SentimentModel.embeddedDefault()
        XCTAssertTrue(model.configuration.tokenizer.emoticonFamilies)
        XCTAssertNotEqual(model.encoder.vocabulary.id(of: ":-("), Vocabulary.unknownID, "a spelling of its own")
        XCTAssertEqual(model.encoder.encode("got the job :-( =( :(("), model.encoder.encode("got the job :( :( :("))
        let sad = argmaxRows(model.probabilities(for: [model.encoder.encode("got the job :-(")]))
        XCTAssertEqual(model.labels[sad[0]], "negative")
    }

    private func demoTestRows() throws -> [LabeledText] {
        let all = try CorpusReader(path: Self.repository.appendingPathComponent("corpora/demo/test.tsv").path).readAll()
        XCTAssertEqual(all.count, 154)
        return all
    }
}
