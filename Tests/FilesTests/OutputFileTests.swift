import Files
import Foundation
import XCTest

final class OutputFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let folder = folder!
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// What `lstat` sees (not following links): S_IFREG, S_IFLNK, S_IFIFO, S_IFCHR.
    func fileType(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return info.st_mode & S_IFMT
    }

    /// A character device node of our own (`mknod`, as root), so that no test replaces
    /// the machine's `/dev/null` even on code that gets it wrong.
    func makeDevice(_ name: String, major: UInt32, minor: UInt32) throws -> String {
        let device = path(name)
        // makedev(major, minor) for the small numbers of /dev/null and /dev/full.
        guard mknod(device, S_IFCHR | 0o666, dev_t(major << 8 | minor)) == 0 else {
            throw XCTSkip("mknod is not permitted here: \(String(cString: strerror(errno)))")
        }
        return device
    }

    func testAnExistingFileIsReplacedWholeKeepingItsPermissions() throws {
        let file = path("out.txt")
        try "old contents\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o600)
        try OutputFile.write(Array("new\n".utf8), to: file)
        XCTAssertEqual(try contents(file), "new\n")
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.txt"], "no temporary file left")
    }

    func testADiscardedFileLeavesTheEarlierContents() throws {
        let file = path("out.txt")
        try "earlier\n".write(toFile: file, atomically: false, encoding: .utf8)
        let output = try OutputFile(path: file)
        try output.write(Array("half of the new".utf8))
        XCTAssertEqual(try contents(file), "earlier\n", "nothing is visible before commit")
        output.discard()
        XCTAssertEqual(try contents(file), "earlier\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.txt"])
    }

    func testTheFolderOfAPathIsReadAsDirnameReadsIt() {
        let cases = [
            ("d", "."), ("x/", "."), ("ab", "."), ("a/b", "a"), ("a/b/", "a"), ("a//b", "a"),
            ("/a", "/"), ("/", "/"), ("//", "/"), ("/x/y.tsv", "/x"), ("./m", "."), ("../m", ".."),
        ]
        for (path, folder) in cases { XCTAssertEqual(OutputTarget.folder(of: path), folder, path) }
    }

    func testASymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let target = path("real.txt"), link = path("link.txt"), dangling = path("dangling.txt")
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        try OutputFile.write(Array("new\n".utf8), to: link)
        XCTAssertEqual(fileType(link), S_IFLNK)
        XCTAssertEqual(try contents(target), "new\n")
        // A link to a file that does not exist yet creates it.
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: path("created.txt"))
        try OutputFile.write(Array("made\n".utf8), to: dangling)
        XCTAssertEqual(fileType(dangling), S_IFLNK)
        XCTAssertEqual(try contents(path("created.txt")), "made\n")
    }

    func testAFIFOIsWrittenInPlace() throws {
        let fifo = path("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let received = Received()
        let reader = Thread {
            received.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            received.done.signal()
        }
        reader.start()
        try OutputFile.write(Array("through the pipe\n".utf8), to: fifo)
        XCTAssertEqual(received.done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(String(decoding: received.data, as: UTF8.self), "through the pipe\n")
        XCTAssertEqual(fileType(fifo), S_IFIFO)
    }

    func testACharacterDeviceIsWrittenInPlace() throws {
        let null = try makeDevice("null", major: 1, minor: 3)
        try OutputFile.write(Array("discarded\n".utf8), to: null)
        XCTAssertEqual(fileType(null), S_IFCHR)
        let full = try makeDevice("full", major: 1, minor: 7)
        XCTAssertThrowsError(try OutputFile.write(Array("x".utf8), to: full)) { error in
            XCTAssertEqual(error as? OutputFileError, OutputFileError(path: full, problem: .writeFailed("No space left on device")))
            XCTAssertEqual("\(error)", "\(full): cannot write: No space left on device")
            XCTAssertEqual((error as? OutputFileError)?.isUserInputError, false)
        }
        XCTAssertEqual(fileType(full), S_IFCHR)
    }

    func testBadPathsAreRefusedBeforeAnythingIsWritten() throws {
        func message(_ path: String, creatingFolders: Bool = false) -> String? {
            do {
                _ = try OutputTarget(checking: path, creatingFolders: creatingFolders)
                return nil
            } catch {
                XCTAssertEqual((error as? OutputFileError)?.isUserInputError, true)
                return "\(error)"
            }
        }
        XCTAssertEqual(message(""), "the output path is empty; give a file name")
        XCTAssertEqual(message(folder), "\(folder!): is a folder; give a file name to write to")
        XCTAssertEqual(message(path("missing/m.safetensors")), "\(path("missing/m.safetensors")): cannot write: no such folder \(path("missing"))")
        XCTAssertNil(message(path("missing/deeper/v.tsv"), creatingFolders: true))
        XCTAssertEqual(message(path("out/")), "\(path("out/")): ends in '/', so it names a folder, not a file; give a file name to write to")
        XCTAssertEqual(message(path("out/"), creatingFolders: true), message(path("out/")))
        try "x".write(toFile: path("file"), atomically: false, encoding: .utf8)
        XCTAssertEqual(message(path("file/v.tsv"), creatingFolders: true), "\(path("file/v.tsv")): cannot write: \(path("file")) is not a folder")
        try FileManager.default.createSymbolicLink(atPath: path("loop"), withDestinationPath: "loop")
        XCTAssertEqual(message(path("loop")), "\(path("loop")): cannot write: too many levels of symbolic links")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["file", "loop"])
    }

    func testMissingFoldersAreCreatedWhenAsked() throws {
        let file = path("vocab/en/v.tsv")
        try OutputFile.write(Array("x\n".utf8), to: file, creatingFolders: true)
        XCTAssertEqual(try contents(file), "x\n")
    }

    func testAnInputUnderAnotherNameIsRefused() throws {
        let input = path("same.txt")
        try "keep me\n".write(toFile: input, atomically: false, encoding: .utf8)
        try FileManager.default.linkItem(atPath: input, toPath: path("hard.txt"))
        let spelledOtherwise = folder + "/./same.txt"
        for output in [input, spelledOtherwise, path("hard.txt")] {
            let target = try OutputTarget(checking: output)
            XCTAssertThrowsError(try target.refuseOverwriting(inputs: ["-", path("other.txt"), input])) { error in
                XCTAssertEqual("\(error)", output == input
                    ? "\(input): is also an input; write the output to another file"
                    : "\(output): is also an input (\(input)); write the output to another file")
            }
        }
        XCTAssertNoThrow(try OutputTarget(checking: path("new.txt")).refuseOverwriting(inputs: [input]))
        XCTAssertEqual(try contents(input), "keep me\n")
    }
}

private final class Received: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
