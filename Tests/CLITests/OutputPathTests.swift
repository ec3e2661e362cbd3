import Foundation
import XCTest

/// Every `-o` is checked before the work starts, never destroys an input, writes through
/// symbolic links and into devices, and replaces an earlier file only on success.
final class OutputPathTests: CLITestCase {
    /// A folder with a constant model, a corpus and a text file.
    func makeWorkspace() throws -> URL {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        try "great\nbad\n".write(to: folder.appendingPathComponent("same.txt"), atomically: true, encoding: .utf8)
        try writeOpinionCorpus(to: folder.appendingPathComponent("train.tsv"), rows: 40, seed: 5)
        return folder
    }

    func contents(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// `lstat`'s file type: S_IFREG, S_IFLNK, S_IFCHR.
    func fileType(_ url: URL) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(url.path, &info), 0, url.path)
        return info.st_mode & S_IFMT
    }

    /// `classify -o LINK` in `folder` (a workspace) writes the constant model's answer for
    /// same.txt into `target`, and LINK stays a link.
    func assertClassifyWritesThrough(link: String, to target: String, in folder: URL,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(link).path, withDestinationPath: target)
        let written = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", link, "same.txt"],
                              currentDirectory: folder)
        XCTAssertEqual(written.status, 0, written.stderr, file: file, line: line)
        XCTAssertEqual(fileType(folder.appendingPathComponent(link)), S_IFLNK, file: file, line: line)
        XCTAssertEqual(try contents(folder.appendingPathComponent(target)),
                       "path\tlabel\tconfidence\tnegative\tpositive\nsame.txt\tpositive\t0.7500\t0.2500\t0.7500\n",
                       file: file, line: line)
    }

    /// A /dev/null of our own (`mknod`, as root), so that code that replaces devices with
    /// files cannot break the machine's.
    func makeNullDevice(in folder: URL) throws -> URL {
        let device = folder.appendingPathComponent("null")
        guard mknod(device.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else {
            throw XCTSkip("mknod is not permitted here: \(String(cString: strerror(errno)))")
        }
        return device
    }

    func testClassifyRefusesToWriteOverItsInput() throws {
        let folder = try makeWorkspace()
        let result = try run(["classify", "--no-cache", "--model", "m.safetensors", "--lines", "-o", "same.txt", "same.txt"],
                             currentDirectory: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: same.txt: is also an input; write the output to another file\n")
        XCTAssertEqual(try contents(folder.appendingPathComponent("same.txt")), "great\nbad\n")

        // Inside a folder input, under another spelling.
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try "earlier results\n".write(to: docs.appendingPathComponent("res.txt"), atomically: true, encoding: .utf8)
        let inFolder = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", "./docs/res.txt", "docs"],
                               currentDirectory: folder)
        XCTAssertEqual(inFolder.status, 2)
        XCTAssertEqual(inFolder.stderr, "sentiment: ./docs/res.txt: is also an input (docs/res.txt); write the output to another file\n")
        XCTAssertEqual(try contents(docs.appendingPathComponent("res.txt")), "earlier results\n")

        let model = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", "m.safetensors", "same.txt"],
                            currentDirectory: folder)
        XCTAssertEqual(model.status, 2)
        XCTAssertEqual(model.stderr, "sentiment: m.safetensors: is also an input; write the output to another file\n")
    }

    /// `-` read from a file redirected to standard input is that file: every command that
    /// reads `-` refuses to write its output over it (classify, vocab build, calibrate and
    /// train replaced it with exit 0).
    func testAnInputRedirectedToStandardInputIsNeverTheOutput() throws {
        let folder = try makeWorkspace()
        let corpus = try contents(folder.appendingPathComponent("train.tsv"))
        let commands = [
            "classify --no-cache --model m.safetensors --lines - -o same.txt < same.txt",
            "vocab build - -o train.tsv < train.tsv",
            "calibrate --model m.safetensors - -o train.tsv < train.tsv",
            "train --no-cache --epochs 1 --train - -o train.tsv < train.tsv",
        ]
        for command in commands {
            let result = try runShell("sentiment " + command, in: folder)
            XCTAssertEqual(result.status, 2, command)
            XCTAssertTrue(result.stderr.hasSuffix(": is also an input (standard input); write the output to another file\n"),
                          "\(command): \(result.stderr)")
        }
        XCTAssertEqual(try contents(folder.appendingPathComponent("same.txt")), "great\nbad\n")
        XCTAssertEqual(try contents(folder.appendingPathComponent("train.tsv")), corpus)
        // A pipe is no file: the output is written.
        let piped = try runShell("cat same.txt | sentiment classify --no-cache --model m.safetensors --lines - -o out.txt", in: folder)
        XCTAssertEqual(piped.status, 0, piped.stderr)
    }

    /// `-o -` is standard output for text; a model is binary, so the commands that write
    /// one refuse it (they wrote a file named "-"), and `vocab build -o -` prints the
    /// vocabulary as it does without -o.
    func testDashAsAModelOutputIsRefused() throws {
        let folder = try makeWorkspace()
        let commands: [[String]] = [
            ["train", "--no-cache", "--train", "train.tsv", "-o", "-"],
            ["calibrate", "--model", "m.safetensors", "-o", "-", "train.tsv"],
            ["average", "-o", "-", "m.safetensors", "m.safetensors"],
        ]
        for arguments in commands {
            let result = try run(arguments, currentDirectory: folder)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("sentiment: -o -: a model is a binary file and is not written to standard output"),
                          "\(arguments): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        let vocabulary = try run(["vocab", "build", "-o", "-", "train.tsv"], currentDirectory: folder)
        XCTAssertEqual(vocabulary.status, 0, vocabulary.stderr)
        XCTAssertTrue(vocabulary.stdout.hasPrefix("<pad>\t0\n<unk>\t0\n"), vocabulary.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    func testAFailedClassifyLeavesTheEarlierOutputAsItWas() throws {
        let folder = try makeWorkspace()
        let results = folder.appendingPathComponent("res.tsv")
        try "earlier results\n".write(to: results, atomically: true, encoding: .utf8)
        // /proc/self/mem exists and is a regular file, but reading it fails (EIO): a file
        // that breaks the run after it started, even for root.
        let result = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", "res.tsv", "same.txt", "/proc/self/mem"],
                             currentDirectory: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "sentiment: /proc/self/mem: cannot read (Input/output error)\n")
        XCTAssertEqual(try contents(results), "earlier results\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
                       ["m.safetensors", "res.tsv", "same.txt", "train.tsv"], "no temporary file is left")
    }

    /// Ctrl-C, `kill` or a closed terminal in the middle of `classify -o res.tsv` leaves
    /// res.tsv as it was and no temporary file beside it (the half-written
    /// `.res.tsv.PID.tmp` stayed behind before), and the process ends by the signal.
    func testASignalMidRunLeavesTheEarlierOutputAndNoTemporaryFile() throws {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let folder = try makeWorkspace()
            let results = folder.appendingPathComponent("res.tsv")
            try "earlier results\n".write(to: results, atomically: true, encoding: .utf8)
            let process = sentimentProcess(["classify", "--lines", "--no-cache", "--model", "m.safetensors", "-o", "res.tsv", "-"])
            process.currentDirectoryURL = folder
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Standard input stays open, so the run waits for more lines with res.tsv's
            // temporary file open.
            try input.fileHandleForWriting.write(contentsOf: Data("good\n".utf8))
            func temporaryFiles() -> [String] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                return names.filter { $0.hasSuffix(".tmp") }
            }
            var deadline = Date() + 30
            while temporaryFiles().isEmpty && Date() < deadline { usleep(10_000) }
            XCTAssertEqual(temporaryFiles().count, 1, "the run writes beside res.tsv (signal \(number))")
            kill(process.processIdentifier, number)
            deadline = Date() + 30
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? input.fileHandleForWriting.close()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(number)")
            XCTAssertEqual(process.terminationStatus, number)
            XCTAssertEqual(try contents(results), "earlier results\n")
            XCTAssertEqual(temporaryFiles(), [], "signal \(number)")
        }
    }

    func testClassifyWritesThroughALinkAndIntoADevice() throws {
        let folder = try makeWorkspace()
        try "old\n".write(to: folder.appendingPathComponent("real.tsv"), atomically: true, encoding: .utf8)
        try assertClassifyWritesThrough(link: "link.tsv", to: "real.tsv", in: folder)

        let null = try makeNullDevice(in: folder)
        let discarded = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", null.path, "same.txt"],
                                currentDirectory: folder)
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        XCTAssertEqual(fileType(null), S_IFCHR)
    }

    /// One-letter names relative to the working folder: Foundation's
    /// `deletingLastPathComponent` trapped on them, so `-o o`, a link named `l` and
    /// `--db d` crashed with a stack trace instead of writing or answering exit 2.
    func testOneLetterPathsAreWrittenAndRefusedWithoutACrash() throws {
        let folder = try makeWorkspace()
        try assertClassifyWritesThrough(link: "l", to: "r", in: folder)

        let cached = try run(["--model", "m.safetensors", "--db", "c", "great"], currentDirectory: folder)
        XCTAssertEqual(cached.status, 0, cached.stderr)
        XCTAssertEqual(cached.stdout, "positive\t0.7500\tgreat\n")
        XCTAssertEqual(fileType(folder.appendingPathComponent("c")), S_IFREG)

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("d"), withIntermediateDirectories: false)
        let refused = try run(["--model", "m.safetensors", "--db", "d", "great"], currentDirectory: folder)
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertEqual(refused.stderr, "sentiment: d: cannot open the cache database (it is a folder, not a database file); "
            + "use --db PATH or --no-cache\n")

        // A trailing slash names a folder: neither the cache nor -o turns it into a file.
        let slashed = try run(["--model", "m.safetensors", "--db", "e/", "great"], currentDirectory: folder)
        XCTAssertEqual(slashed.status, 2)
        XCTAssertEqual(slashed.stderr, "sentiment: e/: cannot open the cache database (the path ends in '/', so it names a "
            + "folder, not a database file); use --db PATH or --no-cache\n")
        let output = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", "o/", "same.txt"], currentDirectory: folder)
        XCTAssertEqual(output.status, 2)
        XCTAssertEqual(output.stderr, "sentiment: o/: ends in '/', so it names a folder, not a file; give a file name to write to\n")
        let dash = try run(["--model", "m.safetensors", "--db", "-", "great"], currentDirectory: folder)
        XCTAssertEqual(dash.status, 2)
        XCTAssertEqual(dash.stderr, "sentiment: -: cannot open the cache database ('-' means standard input or output, "
            + "which cannot hold a database); use --db PATH or --no-cache\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("e").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("o").path))
    }

    func testAWriteErrorNamesTheOutputFile() throws {
        let folder = try makeWorkspace()
        let full = folder.appendingPathComponent("full")
        guard mknod(full.path, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 else {
            throw XCTSkip("mknod is not permitted here: \(String(cString: strerror(errno)))")
        }
        let result = try run(["classify", "--no-cache", "--model", "m.safetensors", "-o", "full", "same.txt"],
                             currentDirectory: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "sentiment: full: cannot write: No space left on device\n")
        XCTAssertEqual(fileType(full), S_IFCHR)
    }

    func testTrainChecksItsOutputBeforeReadingAnything() throws {
        let folder = try makeWorkspace()
        let here = folder.path
        // (train names its output by its full path, as in its other messages.)
        for (output, message) in [
            ("docs", "\(here)/docs: is a folder; give a file name to write to"),
            ("missing/dir/m.safetensors", "\(here)/missing/dir/m.safetensors: cannot write: no such folder \(here)/missing/dir"),
            ("train.tsv", "\(here)/train.tsv: is also an input (train.tsv); write the output to another file"),
        ] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
            let result = try run(["train", "--no-cache", "--train", "train.tsv", "-o", output, "--epochs", "1", "--hidden", "4",
                                  "--embedding-dim", "4"], currentDirectory: folder)
            XCTAssertEqual(result.status, 2, output)
            XCTAssertEqual(result.stderr, "sentiment: \(message)\n", output)
        }
        XCTAssertEqual(fileType(folder.appendingPathComponent("train.tsv")), S_IFREG)
    }

    func testTrainWritesThroughALinkAndIntoADevice() throws {
        let folder = try makeWorkspace()
        try "not a model yet\n".write(to: folder.appendingPathComponent("real.safetensors"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.safetensors").path, withDestinationPath: "real.safetensors")
        let arguments = ["train", "--no-cache", "--train", "train.tsv", "--epochs", "1", "--hidden", "4", "--embedding-dim", "4"]
        let linked = try run(arguments + ["-o", "link.safetensors"], currentDirectory: folder)
        XCTAssertEqual(linked.status, 0, linked.stderr)
        XCTAssertEqual(fileType(folder.appendingPathComponent("link.safetensors")), S_IFLNK)
        let info = try run(["info", "--model", "real.safetensors"], currentDirectory: folder)
        XCTAssertEqual(info.status, 0, info.stderr)

        let null = try makeNullDevice(in: folder)
        let discarded = try run(arguments + ["-o", null.path], currentDirectory: folder)
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        XCTAssertEqual(fileType(null), S_IFCHR)
        XCTAssertFalse(FileManager.default.fileExists(atPath: null.path + ".resume"), "no resume file beside a device")
    }

    func testVocabChecksItsOutputAndWritesThroughALink() throws {
        let folder = try makeWorkspace()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let intoFolder = try run(["vocab", "build", "train.tsv", "-o", "docs"], currentDirectory: folder)
        XCTAssertEqual(intoFolder.status, 2)
        XCTAssertEqual(intoFolder.stderr, "sentiment: docs: is a folder; give a file name to write to\n")
        let overInput = try run(["vocab", "build", "train.tsv", "-o", "train.tsv"], currentDirectory: folder)
        XCTAssertEqual(overInput.status, 2)
        XCTAssertEqual(overInput.stderr, "sentiment: train.tsv: is also an input; write the output to another file\n")

        try "old\n".write(to: folder.appendingPathComponent("real.tsv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.tsv").path, withDestinationPath: "real.tsv")
        let linked = try run(["vocab", "build", "train.tsv", "-o", "link.tsv"], currentDirectory: folder)
        XCTAssertEqual(linked.status, 0, linked.stderr)
        XCTAssertEqual(fileType(folder.appendingPathComponent("link.tsv")), S_IFLNK)
        XCTAssertTrue(try contents(folder.appendingPathComponent("real.tsv")).hasPrefix("<pad>\t0\n<unk>\t0\n"))

        let null = try makeNullDevice(in: folder)
        let discarded = try run(["vocab", "build", "train.tsv", "-o", null.path], currentDirectory: folder)
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        XCTAssertEqual(fileType(null), S_IFCHR)
    }

    func testEvalChecksItsDiagramPathBeforeTheWork() throws {
        let folder = try makeWorkspace()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        for (picture, message) in [
            ("docs", "docs: is a folder; give a file name to write to"),
            ("train.tsv", "train.tsv: is also an input; write the output to another file"),
        ] {
            let result = try run(["eval", "--no-cache", "--model", "m.safetensors",
                                  "--reliability", picture, "train.tsv"], currentDirectory: folder)
            XCTAssertEqual(result.status, 2, picture)
            XCTAssertEqual(result.stdout, "", "no report before the check: \(picture)")
            XCTAssertEqual(result.stderr, "sentiment: \(message)\n")
        }
        XCTAssertEqual(fileType(folder.appendingPathComponent("train.tsv")), S_IFREG)
    }
}
