import Foundation

/// Where an output goes, checked before any work starts, so that a run does not fail
/// after an hour of training because `-o` names a folder:
///
/// - a regular file, or a new one, is replaced atomically (see `OutputFile`);
/// - a symbolic link is followed: its target is the file replaced, and the link stays;
/// - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written
///   in place, as a shell's `>` would;
/// - a folder, a block device or a socket is refused, as is a file in a missing folder;
/// - `-` is the process's standard output, written in place like a device.
public struct OutputTarget: Equatable, Sendable {
    /// The path as the user gave it (named in errors).
    public let path: String
    /// `path` after symbolic links: the file written or replaced.
    public let resolvedPath: String
    /// What `resolvedPath` is now: `.missing`, `.regularFile`, `.characterDevice` or `.fifo`.
    public let kind: FileKind
    /// Whether missing folders on the way are created when the file is opened.
    public let createsFolders: Bool
    /// `-`: the bytes go to file descriptor 1, whatever it is (`kind` is then
    /// `.characterDevice`, for "written in place").
    public var isStandardOutput: Bool { path == "-" }

    /// Checks that `path` can be written, without touching it.
    /// - Parameter creatingFolders: accept missing folders on the way (`OutputFile` creates
    ///   them), as long as the nearest existing one is a writable folder.
    /// - Throws: `OutputFileError` naming `path` and what is wrong with it.
    public init(checking path: String, creatingFolders: Bool = false) throws {
        guard !path.isEmpty else { throw OutputFileError(path: path, problem: .emptyPath) }
        self.path = path
        createsFolders = creatingFolders
        if path == "-" {
            resolvedPath = "/dev/stdout"
            kind = .characterDevice
            return
        }
        resolvedPath = try Self.resolvingLinks(path)
        kind = FileKind(path: resolvedPath)
        func fail(_ problem: OutputFileError.Problem) -> OutputFileError {
            OutputFileError(path: path, problem: problem)
        }
        switch kind {
        case .folder:
            throw fail(.isFolder)
        case .blockDevice, .socket:
            throw fail(.unsupportedKind(kind))
        case .inaccessible(let reason):
            throw fail(.notWritable(reason))
        case .characterDevice, .fifo:
            if access(resolvedPath, W_OK) != 0 { throw fail(.notWritable(String(cString: strerror(errno)))) }
        case .regularFile, .missing:
            // A missing "out/" would be written as the file "out" (or fail at the rename).
            if kind == .missing, resolvedPath.hasSuffix("/") { throw fail(.endsInSlash) }
            if kind == .regularFile, access(resolvedPath, W_OK) != 0 {
                throw fail(.notWritable(String(cString: strerror(errno))))
            }
            // The temporary file is made in the same folder, then renamed.
            var folder = Self.folder(of: resolvedPath)
            while true {
                switch FileKind(path: folder) {
                case .folder:
                    if access(folder, W_OK | X_OK) != 0 { throw fail(.notWritable("\(folder): \(String(cString: strerror(errno)))")) }
                    return
                case .missing where creatingFolders && folder != "/" && folder != ".":
                    folder = Self.folder(of: folder)
                case .missing:
                    throw fail(.noSuchFolder(Self.folder(of: resolvedPath)))
                case .inaccessible(let reason):
                    throw fail(.notWritable("\(folder): \(reason)"))
                default:
                    throw fail(.notAFolder(folder))
                }
            }
        }
    }

    /// Throws `OutputFileError.isAnInput` when this output is the same file as one of
    /// `inputs` (compared by device and inode, so another spelling or a link is caught):
    /// writing it would destroy the input, and a failed run would leave nothing. An input
    /// `-` is standard input, which `< FILE` makes a file like any other.
    public func refuseOverwriting(inputs: [String]) throws {
        guard kind == .regularFile, let output = FileIdentity(path: resolvedPath) else { return }
        for input in inputs where Self.isRegularFile(input == "-" ? "/dev/stdin" : input, identifiedBy: output) {
            throw OutputFileError(path: path, problem: .isAnInput(input == "-" ? "standard input" : input))
        }
    }

    /// Throws `OutputFileError.isCacheDatabase` when this output is one of `files` (a
    /// database and the files SQLite keeps beside it), whether they exist yet or not: the
    /// same file when both exist, else the same absolute path. A result written there
    /// would be read as the database, or the database's next write would land in it.
    public func refuseReplacing(databaseFiles files: [String]) throws {
        guard kind == .regularFile || kind == .missing else { return }
        let output = kind == .regularFile ? FileIdentity(path: resolvedPath) : nil
        let outputPath = Self.absolute(resolvedPath)
        for file in files where output.map({ Self.isRegularFile(file, identifiedBy: $0) }) == true
            || Self.absolute((try? Self.resolvingLinks(file)) ?? file) == outputPath {
            throw OutputFileError(path: path, problem: .isCacheDatabase(file))
        }
    }

    /// Whether `path` is a regular file with this identity (device and inode, after links).
    private static func isRegularFile(_ path: String, identifiedBy identity: FileIdentity) -> Bool {
        FileKind(path: path) == .regularFile && FileIdentity(path: path) == identity
    }

    /// `path` made absolute against the working folder, `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The folder holding `path`, as `dirname` reads it: `.` for a bare file name, `/`
    /// for a name in the root; trailing slashes name the same file. Worked out by hand:
    /// Foundation's `deletingLastPathComponent` traps on one-character paths such as
    /// `d` or `x/` (swift-corelibs-foundation in Swift 6.3), so `--db d` crashed.
    public static func folder(of path: String) -> String {
        var name = Substring(path)
        while name.count > 1, name.last == "/" { name = name.dropLast() }
        guard let slash = name.lastIndex(of: "/") else { return "." }
        var folder = name[..<slash]
        while folder.last == "/" { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Follows the symbolic links of the last component of `path` (folders on the way
    /// need no resolving: the temporary file and the target share the folder anyway).
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = buffer.withUnsafeMutableBufferPointer { raw in
                raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { readlink(current, $0, raw.count - 1) }
            }
            guard length >= 0 else { return current }
            let target = String(decoding: buffer[..<length], as: UTF8.self)
            current = target.hasPrefix("/") ? target : (folder(of: current) as NSString).appendingPathComponent(target)
        }
        throw OutputFileError(path: path, problem: .symbolicLinkLoop)
    }
}
