import Foundation

/// An output being written to the place an `OutputTarget` checked. A file is written to
/// a temporary file beside it and renamed over it by `commit`, so a crash, a Ctrl-C or a
/// failed run leaves the earlier file as it was (never truncated, never half written);
/// a device or FIFO is written in place. A signal that ends the process (Ctrl-C, kill)
/// removes the temporary file too (`InterruptCleanup`).
///
/// ```swift
/// let file = try OutputFile(path: "model.safetensors")
/// try file.write(bytes)
/// try file.commit()          // or discard() when the run fails
/// ```
public final class OutputFile {
    public let target: OutputTarget
    /// The open file: the temporary file, or the device or FIFO itself.
    public let descriptor: Int32
    /// Where the bytes go until `commit`; nil when written in place.
    private let temporaryPath: String?
    /// The temporary file's slot in `InterruptCleanup`, which removes it if a signal ends the process.
    private var cleanupSlot: Int?
    private var isOpen = true

    /// Checks `path` (see `OutputTarget`) and opens it for writing.
    public convenience init(path: String, creatingFolders: Bool = false) throws {
        try self.init(OutputTarget(checking: path, creatingFolders: creatingFolders))
    }

    /// Opens `target` for writing: a temporary file beside a regular (or new) file, with
    /// the permissions of the file it will replace; a device or FIFO itself.
    public init(_ target: OutputTarget) throws {
        self.target = target
        func fail(_ problem: OutputFileError.Problem) -> OutputFileError {
            OutputFileError(path: target.path, problem: problem)
        }
        if target.kind.isWrittenInPlace {
            temporaryPath = nil
            // Standard output is used as it is: reopening /dev/stdout would truncate a file
            // the shell opened for appending.
            descriptor = target.isStandardOutput ? dup(STDOUT_FILENO) : open(target.resolvedPath, O_WRONLY)
            guard descriptor >= 0 else { throw fail(.notWritable(String(cString: strerror(errno)))) }
            return
        }
        let folder = OutputTarget.folder(of: target.resolvedPath)
        if target.createsFolders {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw fail(.notWritable("cannot create the folder \(folder)"))
            }
        }
        let name = (target.resolvedPath as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        temporaryPath = temporary
        cleanupSlot = InterruptCleanup.register(temporary)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            releaseCleanupSlot()
            throw fail(.notWritable(reason))
        }
        var existing = stat()
        if stat(target.resolvedPath, &existing) == 0 {
            fchmod(descriptor, existing.st_mode & 0o7777)
        }
    }

    deinit {
        if isOpen { discard() }
    }

    private func releaseCleanupSlot() {
        if let cleanupSlot { InterruptCleanup.unregister(cleanupSlot) }
        cleanupSlot = nil
    }

    /// Writes all of `bytes`.
    /// - Throws: `OutputFileError.writeFailed` (e.g. the disk is full).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(path: target.path, problem: .writeFailed(String(cString: strerror(errno))))
            }
            offset += written
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes the file to disk and renames it over the target (a device or FIFO is only
    /// closed). Until this returns, the target holds what it held before.
    public func commit() throws {
        precondition(isOpen, "commit or discard once")
        isOpen = false
        guard let temporaryPath else {
            close(descriptor)
            return
        }
        let synced = fsync(descriptor) == 0
        let reason = synced ? "" : String(cString: strerror(errno))
        close(descriptor)
        defer { releaseCleanupSlot() }
        guard synced else {
            unlink(temporaryPath)
            throw OutputFileError(path: target.path, problem: .writeFailed(reason))
        }
        guard rename(temporaryPath, target.resolvedPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputFileError(path: target.path, problem: .writeFailed(reason))
        }
    }

    /// Closes the file and removes the temporary file: the target keeps its old contents.
    public func discard() {
        guard isOpen else { return }
        isOpen = false
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
        releaseCleanupSlot()
    }

    /// Writes `bytes` to `path` as one atomic replacement (see `OutputTarget` for links,
    /// devices and FIFOs).
    public static func write(_ bytes: [UInt8], to path: String, creatingFolders: Bool = false) throws {
        let file = try OutputFile(path: path, creatingFolders: creatingFolders)
        do {
            try file.write(bytes)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
