import Foundation

/// What a path names, following symbolic links as `open` does: the check every path a
/// user gives goes through before work starts.
public enum FileKind: Equatable, Sendable, CustomStringConvertible {
    /// Nothing at the path (or a symbolic link to nothing).
    case missing
    case regularFile
    case folder
    case characterDevice
    case blockDevice
    case fifo
    case socket
    /// `stat` failed for another reason than a missing file, e.g. no permission on a
    /// folder on the way: its `strerror` text.
    case inaccessible(String)

    /// The kind of `path` (after symbolic links).
    public init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = errno == ENOENT || errno == ENOTDIR ? .missing : .inaccessible(String(cString: strerror(errno)))
            return
        }
        self.init(mode: info.st_mode)
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .inaccessible("unknown file type")
        }
    }

    /// Devices and FIFOs are written in place (`/dev/null`, `/dev/stdout`, a named pipe);
    /// replacing them with a regular file would break whatever reads them.
    public var isWrittenInPlace: Bool { self == .characterDevice || self == .fifo }

    /// For messages: "a folder", "a FIFO", …
    public var description: String {
        switch self {
        case .missing: return "missing"
        case .regularFile: return "a regular file"
        case .folder: return "a folder"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .fifo: return "a FIFO"
        case .socket: return "a socket"
        case .inaccessible(let reason): return "inaccessible (\(reason))"
        }
    }
}

/// A file's device and inode: the same file under two names (a link, `./x` and `x`)
/// has one identity.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file at `path` (after symbolic links), nil if there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
