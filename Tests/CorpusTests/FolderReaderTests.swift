import XCTest
@testable import Corpus

final class FolderReaderTests: CorpusTestCase {
    func testFolderPerLabelInNameOrder() throws {
        try write("  loved it\n", to: "train/pos/2.txt")
        try write("fun", to: "train/pos/10.txt")
        try write("boring", to: "train/neg/1.txt")
        try write("ignored", to: "train/neg/notes.md")
        try write("ignored", to: "train/unsup/1.txt")
        try write("ignored", to: "train/.hidden/1.txt")
        try write("ignored", to: "train/readme.txt")
        let root = directory.appendingPathComponent("train").path
        XCTAssertEqual(try pairs(root), [["neg", "boring"], ["pos", "fun"], ["pos", "loved it"]])
        let rows = try CorpusReader(path: root).readAll()
        XCTAssertEqual(rows.map(\.file), ["\(root)/neg/1.txt", "\(root)/pos/10.txt", "\(root)/pos/2.txt"])
        XCTAssertEqual(rows.map(\.line), [1, 1, 1])
    }

    /// Only regular files (or links to them) are documents: a named pipe called `.txt`
    /// is passed over, not opened (which would wait for a writer forever).
    func testFolderDocumentsAreTheRegularTxtFilesOfLabelFolders() throws {
        try write("fun", to: "f/pos/1.txt")
        try write("boring", to: "f/neg/1.txt")
        try write("ignored", to: "f/unsup/1.txt")
        let root = directory.appendingPathComponent("f").path
        XCTAssertEqual(mkfifo(root + "/pos/2.txt", 0o600), 0)
        XCTAssertEqual(symlink(root + "/pos/1.txt", root + "/pos/3.txt"), 0)
        XCTAssertEqual(try CorpusReader(path: root).folderDocuments(), ["neg/1.txt", "pos/1.txt", "pos/3.txt"])
        XCTAssertEqual(try pairs(root), [["neg", "boring"], ["pos", "fun"], ["pos", "fun"]])
        XCTAssertFalse(CorpusReader(path: root).isStream)
        XCTAssertFalse(CorpusReader(path: root + "/pos/1.txt").isStream)
        XCTAssertTrue(CorpusReader(path: root + "/pos/2.txt").isStream)
        XCTAssertTrue(CorpusReader(path: "-").isStream)
    }

    /// A reader given a listing reads those documents only: a file added to the folder
    /// after it was listed (and hashed, in the dataset cache) is not among the rows.
    func testAListedReaderReadsTheListingNotTheFolderAsItIsNow() throws {
        try write("fun", to: "l/pos/1.txt")
        try write("boring", to: "l/neg/1.txt")
        let root = directory.appendingPathComponent("l").path
        let reader = CorpusReader(path: root)
        let listed = reader.listing(try reader.folderDocuments())
        try write("added later", to: "l/pos/2.txt")
        XCTAssertEqual(try listed.readAll().map(\.text), ["boring", "fun"])
        XCTAssertEqual(try reader.readAll().map(\.text), ["boring", "fun", "added later"])
    }

    func testEmptyDocumentIsABadRow() throws {
        try write("fine", to: "d/pos/1.txt")
        try write(" \n", to: "d/neg/1.txt")
        let root = directory.appendingPathComponent("d").path
        XCTAssertEqual(errorMessage(root), "d/neg/1.txt:1: no text: the file is empty")
        XCTAssertEqual(try pairs(root, CorpusReadOptions(skipBadRows: true)), [["pos", "fine"]])
    }

    func testUTF16AndBinaryDocumentsAreBadRowsThatSayWhich() throws {
        try write("fine", to: "e/pos/1.txt")
        try write(Data([0xFF, 0xFE]) + "awful".data(using: .utf16LittleEndian)!, to: "e/neg/1.txt")
        try write(Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x01, 0x00]), to: "e/neg/2.txt")
        let root = directory.appendingPathComponent("e").path
        XCTAssertEqual(errorMessage(root),
                       "e/neg/1.txt:1: no text: UTF-16 text; expected UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)")
        try FileManager.default.removeItem(atPath: root + "/neg/1.txt")
        XCTAssertEqual(errorMessage(root), "e/neg/2.txt:1: no text: binary file (NUL bytes)")
        XCTAssertEqual(try pairs(root, CorpusReadOptions(skipBadRows: true)), [["pos", "fine"]])
    }

    func testFolderErrors() throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("none/pos"), withIntermediateDirectories: true)
        XCTAssertEqual(errorMessage(directory.appendingPathComponent("none").path),
                       "none: no label folders with .txt files (expected DIR/LABEL/*.txt)")
        let file = try write("x", to: "file.txt")
        XCTAssertEqual(errorMessage(file, CorpusReadOptions(format: .folders)),
                       "file.txt: not a directory; --input-format folders expects DIR/LABEL/*.txt")
        XCTAssertEqual(errorMessage("-", CorpusReadOptions(format: .folders)),
                       "<stdin>: not a directory; --input-format folders expects DIR/LABEL/*.txt")
        XCTAssertEqual(errorMessage(directory.appendingPathComponent("none").path, CorpusReadOptions(format: .tsv)),
                       "none: is a directory; use --input-format folders for a folder per label")
    }
}
