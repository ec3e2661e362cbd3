/// Why a file could not be written where the user asked. Names the path as given.
public struct OutputFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        /// An empty path (`-o ""`).
        case emptyPath
        /// The path names a folder.
        case isFolder
        /// The path ends in `/`, so it can only name a folder, and there is none.
        case endsInSlash
        /// The folder the file would go in does not exist.
        case noSuchFolder(String)
        /// The part of the path that should be a folder is a file.
        case notAFolder(String)
        /// A block device, a socket: nothing we write there makes sense.
        case unsupportedKind(FileKind)
        /// A symbolic link chain that does not end.
        case symbolicLinkLoop
        /// The file or its folder cannot be written (`strerror`, e.g. "Permission denied").
        case notWritable(String)
        /// The path is the same file as one of the command's inputs (as the user named it).
        case isAnInput(String)
        /// The path is the cache database or a file SQLite keeps beside it (named).
        case isCacheDatabase(String)
        /// Writing or renaming failed part way (`strerror`, e.g. "No space left on device").
        case writeFailed(String)
    }

    /// The path as the user gave it.
    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// Problems with the path the user chose (status 2), as against a write that failed
    /// on the way, such as a full disk (status 1).
    public var isUserInputError: Bool {
        if case .writeFailed = problem { return false }
        return true
    }

    public var description: String {
        let place = path.isEmpty ? "" : "\(path): "
        switch problem {
        case .emptyPath: return "the output path is empty; give a file name"
        case .isFolder: return place + "is a folder; give a file name to write to"
        case .endsInSlash: return place + "ends in '/', so it names a folder, not a file; give a file name to write to"
        case .noSuchFolder(let folder): return place + "cannot write: no such folder \(folder)"
        case .notAFolder(let parent): return place + "cannot write: \(parent) is not a folder"
        case .unsupportedKind(let kind): return place + "cannot write to \(kind); give a regular file, a character device or a FIFO"
        case .symbolicLinkLoop: return place + "cannot write: too many levels of symbolic links"
        case .notWritable(let reason): return place + "cannot write: \(reason)"
        case .isAnInput(let input):
            return place + "is also an input" + (input == path ? "" : " (\(input))") + "; write the output to another file"
        case .isCacheDatabase(let file):
            return place + "is the cache database" + (file == path ? "" : " (\(file))") + "; write the output to another file"
        case .writeFailed(let reason): return place + "cannot write: \(reason)"
        }
    }
}
