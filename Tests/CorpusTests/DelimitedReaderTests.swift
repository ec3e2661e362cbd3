import XCTest
@testable import Corpus

final class DelimitedReaderTests: CorpusTestCase {
    func testTSVWithHeaderFindsColumnsByName() throws {
        let path = try write("text\tlabel\ngood stuff\tpos\nbad stuff\tneg\n", to: "a.tsv")
        XCTAssertEqual(try pairs(path), [["pos", "good stuff"], ["neg", "bad stuff"]])
    }

    func testRecognizedHeaderNames() throws {
        for (header, row) in [("label\tsentence", "1\thi"), ("label\tcontent", "1\thi"),
                              ("Review\tSentiment", "hi\t1"), ("id\tlabel\tREVIEW", "7\t1\thi")] {
            let path = try write("\(header)\n\(row)\n", to: "h.tsv")
            XCTAssertEqual(try pairs(path), [["1", "hi"]], header)
        }
    }

    func testRowsKeepLineNumbersAndFile() throws {
        let path = try write("label\ttext\n\npos\tone\n\nneg\ttwo", to: "lines.tsv")
        let rows = try CorpusReader(path: path).readAll()
        XCTAssertEqual(rows.map(\.line), [3, 5])
        XCTAssertEqual(rows.map(\.file), [path, path])
        XCTAssertEqual(rows.map(\.text), ["one", "two"])
    }

    func testCarriageReturnsAndByteOrderMarkAreDropped() throws {
        let path = try write("\u{FEFF}label\ttext\r\n1\tfine film\r\n0\tdull\r\n", to: "crlf.tsv")
        XCTAssertEqual(try pairs(path), [["1", "fine film"], ["0", "dull"]])
    }

    func testChosenColumnsByNameAndPosition() throws {
        let path = try write("id,stars,body,note\n1,5,loved it,x\n2,1,hated it,y\n", to: "c.csv")
        XCTAssertEqual(try pairs(path, CorpusReadOptions(labelColumn: "STARS", textColumn: "body")),
                       [["5", "loved it"], ["1", "hated it"]])
        XCTAssertEqual(try pairs(path, CorpusReadOptions(labelColumn: "2", textColumn: "4", hasHeader: true)),
                       [["5", "x"], ["1", "y"]])
    }

    func testUnknownChosenColumnIsReported() throws {
        let path = try write("label\ttext\npos\thi\n", to: "u.tsv")
        XCTAssertEqual(errorMessage(path, CorpusReadOptions(textColumn: "body")),
                       "u.tsv:1: --text-column body: no such column among 'label', 'text' (give a header name or a 1-based position)")
    }

    func testHeaderWithoutKnownTextColumnIsReported() throws {
        let path = try write("label,a,b\npos,x,y\n", to: "m.csv")
        XCTAssertEqual(errorMessage(path), "m.csv:1: no text column among 'label', 'a', 'b'; choose one with --text-column")
    }

    func testHeaderlessLabelFirst() throws {
        let path = try write("pos\tgreat fun\nneg\tno fun at all\n", to: "p.tsv")
        XCTAssertEqual(try pairs(path), [["pos", "great fun"], ["neg", "no fun at all"]])
    }

    func testHeaderlessFirstRowWithShortLabelIsData() throws {
        let path = try write("y\tgood\nn\tbad\n", to: "yn.tsv")
        XCTAssertEqual(try pairs(path), [["y", "good"], ["n", "bad"]])
    }

    func testHeaderlessTextFirstIsRecognized() throws {
        let path = try write("great fun,1\nno fun at all,0\n", to: "t.csv")
        XCTAssertEqual(try pairs(path), [["1", "great fun"], ["0", "no fun at all"]])
    }

    /// The order is decided from the first rows, not the first alone: a one-word first
    /// text (`Excellent!`) read every row backwards, with each text taken for a label.
    func testHeaderlessTextFirstIsDecidedByTheFirstRows() throws {
        let path = try write("Excellent!\tpositive\nthe plot was a mess\tnegative\nwhat a lovely film\tpositive\n"
            + "Superb\tpositive\nslow\tnegative\n", to: "tf.tsv")
        XCTAssertEqual(try pairs(path), [["positive", "Excellent!"], ["negative", "the plot was a mess"],
                                         ["positive", "what a lovely film"], ["positive", "Superb"], ["negative", "slow"]])
        let labelFirst = try write("pos\tgood\nneg\tawful film\npos\ta fine film\n", to: "lf.tsv")
        XCTAssertEqual(try pairs(labelFirst), [["pos", "good"], ["neg", "awful film"], ["pos", "a fine film"]])
    }

    /// A bad row among those read to decide the order is reported at its line, after the
    /// rows before it, and `skipBadRows` goes on after it.
    func testABadRowAmongTheFirstRowsComesInItsTurn() throws {
        let wrong = try write("great\tpos\nawful film\tneg\nthree\tcolumns\there\nfine film\tpos\n", to: "wrong.tsv")
        XCTAssertEqual(errorMessage(wrong), "wrong.tsv:3: expected 2 columns, found 3")
        var rows: [[String]] = []
        XCTAssertEqual(try CorpusReader(path: wrong, options: CorpusReadOptions(skipBadRows: true))
            .forEach { rows.append([$0.label, $0.text]) }, 1)
        XCTAssertEqual(rows, [["pos", "great"], ["neg", "awful film"], ["pos", "fine film"]])
    }

    func testHeaderlessByChosenPositions() throws {
        let path = try write("a\tb\tpos\tnice\n", to: "q.tsv")
        XCTAssertEqual(try pairs(path, CorpusReadOptions(labelColumn: "3", textColumn: "4")), [["pos", "nice"]])
        XCTAssertEqual(errorMessage(path),
                       "q.tsv:1: 4 columns and no header: choose them with --label-column and --text-column (1-based positions)")
    }

    func testExplicitNoHeaderReadsFirstRowAsData() throws {
        let path = try write("label\ttext\n", to: "n.tsv")
        XCTAssertEqual(try pairs(path, CorpusReadOptions(hasHeader: false)), [["label", "text"]])
    }

    // MARK: CSV quoting (RFC 4180)

    func testCSVQuotedFieldsWithCommasQuotesTabsAndNewlines() throws {
        let csv = "label,text\n"
            + "pos,\"fine, really fine\"\n"
            + "neg,\"she said \"\"meh\"\"\"\n"
            + "pos,\"two\nlines\"\n"
            + "neg,\"a\tb\"\n"
            + "\"pos\",\"\"\"quoted\"\" start\"\n"
            + "neg,plain \"inner\" quotes\n"
        let path = try write(csv, to: "q.csv")
        XCTAssertEqual(try pairs(path), [
            ["pos", "fine, really fine"], ["neg", "she said \"meh\""], ["pos", "two\nlines"],
            ["neg", "a\tb"], ["pos", "\"quoted\" start"], ["neg", "plain \"inner\" quotes"],
        ])
        let rows = try CorpusReader(path: path).readAll()
        XCTAssertEqual(rows.map(\.line), [2, 3, 4, 6, 7, 8])
    }

    func testCSVQuotedFieldWithCRLFAndBlankLineInside() throws {
        let path = try write("label,text\r\npos,\"one\r\n\r\nthree\"\r\nneg,x\r\n", to: "r.csv")
        XCTAssertEqual(try pairs(path), [["pos", "one\n\nthree"], ["neg", "x"]])
    }

    func testCSVEmptyQuotedTextIsMissingText() throws {
        let path = try write("label,text\npos,\"\"\n", to: "e.csv")
        XCTAssertEqual(errorMessage(path), "e.csv:2: no text: the text field is empty")
    }

    func testCSVUnterminatedQuote() throws {
        let path = try write("label,text\npos,fine\nneg,\"never closed\nmore\n", to: "open.csv")
        XCTAssertEqual(errorMessage(path),
                       "open.csv:3: unterminated quoted field: the quote opened on this line never closes")
    }

    func testCSVTextAfterClosingQuote() throws {
        let path = try write("label,text\npos,\"a\"b\n", to: "after.csv")
        XCTAssertEqual(errorMessage(path),
                       "after.csv:2: unexpected text after a closing quote (write a quote inside a quoted field as \"\")")
    }

    // MARK: TSV quoting

    func testTSVQuotedFieldWithTabAndNewline() throws {
        let path = try write("label\ttext\npos\t\"a\tb\nc \"\"d\"\"\"\nneg\tx\n", to: "q.tsv")
        XCTAssertEqual(try pairs(path), [["pos", "a\tb\nc \"d\""], ["neg", "x"]])
    }

    func testTSVTextThatMerelyStartsWithAQuoteIsPlain() throws {
        // Review corpora often start a text with a quoted title; that is not TSV quoting.
        let tsv = "label\ttext\n0\t\"Heat\" is long\n1\t\"unclosed start\n0\tnext \"row\"\n1\t\"x\" and \"y\"\n"
        let path = try write(tsv, to: "lenient.tsv")
        XCTAssertEqual(try pairs(path), [
            ["0", "\"Heat\" is long"], ["1", "\"unclosed start"], ["0", "next \"row\""], ["1", "\"x\" and \"y\""],
        ])
        XCTAssertEqual(try CorpusReader(path: path).readAll().map(\.line), [2, 3, 4, 5])
    }

    /// A text whose opening quote is never closed does not swallow the rows after it up
    /// to the next stray quote: a line holding a record's tabs is a row of its own.
    func testTSVUnclosedQuoteDoesNotSwallowTheNextRows() throws {
        let path = try write("label\ttext\npositive\t\"Best phone ever\nneutral\tthe screen is 5\"\nnegative\tawful\n",
                             to: "open.tsv")
        XCTAssertEqual(try pairs(path), [["positive", "\"Best phone ever"], ["neutral", "the screen is 5\""],
                                         ["negative", "awful"]])
        XCTAssertEqual(try CorpusReader(path: path).readAll().map(\.line), [2, 3, 4])
        let textFirst = try write("text\tlabel\n\"Best phone ever\tpositive\nscreen is 5\"\tneutral\nawful\tnegative\n",
                                  to: "open2.tsv")
        XCTAssertEqual(try pairs(textFirst), [["positive", "\"Best phone ever"], ["neutral", "screen is 5\""],
                                              ["negative", "awful"]])
    }

    /// An unclosed quote in CSV is one bad row: skipped, the reading goes on at the line
    /// after it (it used to take the rest of the file with it).
    func testCSVUnclosedQuoteSkippedGoesOnAtTheNextLine() throws {
        let path = try write("label,text\npos,ok\nneg,\"open\npos,fine\nneg,dull\n", to: "uq.csv")
        var rows: [[String]] = []
        let skipped = try CorpusReader(path: path, options: CorpusReadOptions(skipBadRows: true))
            .forEach { rows.append([$0.label, $0.text]) }
        XCTAssertEqual(skipped, 1)
        XCTAssertEqual(rows, [["pos", "ok"], ["pos", "fine"], ["neg", "dull"]])
    }

    /// A quoted field spanning lines stops growing at `maxSpanningField` bytes: past it
    /// the quote is one left open (CSV: an error at its line; TSV: plain text).
    func testASpanningFieldIsBounded() throws {
        let line = String(repeating: "x", count: 1 << 16)
        let lines = (DelimitedRecords.maxSpanningField >> 16) + 2
        let body = Array(repeating: line, count: lines).joined(separator: "\n")
        let csv = try write("label,text\npos,\"\(body)\n", to: "long-open.csv")
        XCTAssertEqual(errorMessage(csv), "long-open.csv:2: unterminated quoted field: the quote opened on this line never closes")
        let tsv = try write("label\ttext\npos\t\"\(body)\n", to: "long-open.tsv")
        let rows = try pairs(tsv, CorpusReadOptions(skipBadRows: true))
        XCTAssertEqual(rows.first?[1].utf8.count, 1 + (1 << 16))
    }

    // MARK: Malformed rows

    func testWrongColumnCountStopsByDefault() throws {
        let path = try write("label\ttext\npos\tok\nneg\ta\tb\npos\tfine\n", to: "bad.tsv")
        XCTAssertEqual(errorMessage(path), "bad.tsv:3: expected 2 columns, found 3")
    }

    func testLabelLessRows() throws {
        let path = try write("label\ttext\nonly some text\n", to: "nolabel.tsv")
        XCTAssertEqual(errorMessage(path), "nolabel.tsv:2: no label: expected 2 columns, found 1")
        let empty = try write("label\ttext\n \tsome text\n", to: "emptylabel.tsv")
        XCTAssertEqual(errorMessage(empty), "emptylabel.tsv:2: no label: the label field is empty")
    }

    func testMissingText() throws {
        let path = try write("label\ttext\npos\t  \n", to: "notext.tsv")
        XCTAssertEqual(errorMessage(path), "notext.tsv:2: no text: the text field is empty")
    }

    func testSkipBadRowsSkipsAndCounts() throws {
        let path = try write("label,text\npos,ok\nneg,a,b\njust text\nneg,\"open\n", to: "skip.csv")
        var seen: [String] = []
        var rows: [[String]] = []
        let skipped = try CorpusReader(path: path, options: CorpusReadOptions(skipBadRows: true))
            .forEach(onBadRow: { seen.append($0.description.replacingOccurrences(of: self.directory.path + "/", with: "")) }) {
                rows.append([$0.label, $0.text])
            }
        XCTAssertEqual(skipped, 3)
        XCTAssertEqual(rows, [["pos", "ok"]])
        XCTAssertEqual(seen, [
            "skip.csv:3: expected 2 columns, found 3",
            "skip.csv:4: no label: expected 2 columns, found 1",
            "skip.csv:5: unterminated quoted field: the quote opened on this line never closes",
        ])
    }

    func testHeaderWithoutRows() throws {
        let path = try write("label\ttext\n\n", to: "header.tsv")
        XCTAssertEqual(errorMessage(path), "header.tsv: empty corpus: a header but no rows")
    }

    func testLongFileStreamsAcrossChunks() throws {
        // Rows long enough to straddle the 64 KiB read chunks, one quoted across lines.
        let long = String(repeating: "word ", count: 30_000)
        var tsv = "label\ttext\n"
        for index in 0..<6 { tsv += "\(index % 2)\t\(long)\(index)\n" }
        tsv += "1\t\"multi\nline\"\n"
        let path = try write(tsv, to: "long.tsv")
        let rows = try CorpusReader(path: path).readAll()
        XCTAssertEqual(rows.count, 7)
        XCTAssertEqual(rows[5].text, long + "5")
        XCTAssertEqual(rows[6].text, "multi\nline")
        XCTAssertEqual(rows.map(\.line), [2, 3, 4, 5, 6, 7, 8])
    }

    func testFiveMegabyteLine() throws {
        let huge = String(repeating: "a", count: 5 << 20)
        let path = try write("label\ttext\npos\t\(huge)\nneg\tshort\n", to: "huge.tsv")
        let rows = try CorpusReader(path: path).readAll()
        XCTAssertEqual(rows.map(\.text.utf8.count), [5 << 20, 5])
        XCTAssertEqual(rows.map(\.line), [2, 3])
    }

    func testBodyErrorsPropagate() throws {
        struct Stop: Error {}
        let path = try write("label\ttext\npos\ta\npos\tb\n", to: "stop.tsv")
        var count = 0
        XCTAssertThrowsError(try CorpusReader(path: path).forEach { _ in count += 1; throw Stop() }) {
            XCTAssertTrue($0 is Stop)
        }
        XCTAssertEqual(count, 1)
    }
}
