import Foundation
import XCTest

/// The cache on a full disk: commands that only use it to save work finish without it
/// (one warning line), and `cache clear` still frees the space.
final class FullDiskTests: CLITestCase {
    /// A folder with a constant model, and `disk/`: a 1 MB tmpfs (mounting needs root;
    /// the test is skipped where it is not permitted), unmounted after the test.
    func makeWorkspaceWithSmallDisk() throws -> URL {
        let folder = try makeTemporaryDirectory()
        try writeConstantModel(to: folder.appendingPathComponent("m.safetensors"), probabilities: [0.25, 0.75])
        let disk = folder.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = try runShell("mount -t tmpfs -o size=1m tmpfs disk", in: folder)
        guard mount.status == 0 else { throw XCTSkip("cannot mount a tmpfs here: \(mount.stderr)") }
        addTeardownBlock { _ = try? self.runShell("umount disk", in: folder) }
        return folder
    }

    /// Fills what is left of `disk/` with a file.
    func fillDisk(in folder: URL) throws {
        _ = try runShell("dd if=/dev/zero of=disk/filler bs=4096 2>/dev/null", in: folder)
        let free = try runShell("df --output=avail -B1 disk | tail -1", in: folder)
        XCTAssertEqual(free.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0")
    }

    func testClassifyFinishesWithoutTheCacheWhenTheDiskFillsAndClearStillWorks() throws {
        let folder = try makeWorkspaceWithSmallDisk()
        // More distinct lines than the disk can cache: the disk fills part way through.
        let lines = (1...20_000).map { "review \($0) was \($0 % 3 == 0 ? "awful" : "great")\n" }.joined()
        try lines.write(to: folder.appendingPathComponent("lines.txt"), atomically: true, encoding: .utf8)
        let classify = try run(["classify", "--model", "m.safetensors", "--db", "disk/cache.sqlite", "--lines", "lines.txt"],
                               currentDirectory: folder)
        XCTAssertEqual(classify.status, 0, classify.stderr)
        XCTAssertEqual(classify.stdout.split(separator: "\n").count, 20_001, "a header and every line")
        let messages = classify.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(messages.count, 2, classify.stderr)
        XCTAssertEqual(messages.first, "sentiment: warning: disk/cache.sqlite: the cache cannot take writes "
            + "(database or disk is full); going on without the cache")
        XCTAssertTrue(messages.last?.hasPrefix("classified 20000 lines in 1 file") == true, classify.stderr)

        let some = try run(["cache", "clear", "--predictions", "--db", "disk/cache.sqlite"], currentDirectory: folder)
        XCTAssertEqual(some.status, 1)
        XCTAssertEqual(some.stderr, "sentiment: disk/cache.sqlite: the cache cannot take writes (database or disk is full); "
            + "deleting only some rows needs free space, while 'sentiment cache clear' without flags deletes the whole file\n")
        let all = try run(["cache", "clear", "--db", "disk/cache.sqlite"], currentDirectory: folder)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stderr, "deleted disk/cache.sqlite (the disk is full, so the files went rather than their rows)\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("disk").path), [])
    }

    func testPredictAndTrainOnAFullDiskWarnOnceAndFinish() throws {
        let folder = try makeWorkspaceWithSmallDisk()
        try writeOpinionCorpus(to: folder.appendingPathComponent("train.tsv"), rows: 40, seed: 3)
        try fillDisk(in: folder)
        let warning = "sentiment: warning: disk/cache.sqlite: the cache cannot take writes (database or disk is full); "
            + "going on without the cache\n"
        let predict = try run(["predict", "--model", "m.safetensors", "--db", "disk/cache.sqlite"],
                              stdin: "good\nbad\n", currentDirectory: folder)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        XCTAssertEqual(predict.stdout, "positive\t0.7500\npositive\t0.7500\n")
        XCTAssertEqual(predict.stderr, warning)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("disk").path), ["filler"],
                       "no empty database file is left behind")

        let train = try run(["train", "--db", "disk/cache.sqlite", "--train", "train.tsv", "-o", "t.safetensors",
                             "--epochs", "1", "--hidden", "4", "--embedding-dim", "4"], currentDirectory: folder)
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stderr.hasPrefix(warning), train.stderr)
        XCTAssertEqual(train.stderr.components(separatedBy: "warning").count, 2, "one warning: \(train.stderr)")
    }
}
