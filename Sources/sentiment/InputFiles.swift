import Corpus
import Files
import Foundation
import Pipeline

/// The files `classify` reads: each PATH as given if it is a file (or `-`, standard
/// input), else every file below it whose name matches the glob, in sorted order
/// (hidden files and folders skipped). Each file is checked before the first result:
/// one that cannot be read, or whose first bytes are UTF-16 text or binary data, stops
/// the run with its name, instead of being classified as garbage.
enum InputFiles {
    static func expand(_ paths: [String], glob: String) throws -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PipelineError.unreadable(path: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                try checkReadableText(path)
                files.append(path)
                continue
            }
            // A folder below that cannot be listed stops the run, as an unreadable file does,
            // instead of leaving its files out without a word.
            var unlisted: (url: URL, error: Error)?
            // The enumerator does not go into a root that is a symbolic link (a folder
            // given through a link listed no files), so it is given the folder itself.
            let root = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            guard let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles], errorHandler: { url, error in
                    if unlisted == nil { unlisted = (url, error) }
                    return true
                })
            else { throw PipelineError.unreadable(path: path, reason: "cannot list the folder") }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let prefixLength = root.standardizedFileURL.path.count
            // Keep the user's spelling of the folder in the printed paths.
            func userPath(_ url: URL) -> String {
                let relative = String(url.standardizedFileURL.path.dropFirst(prefixLength))
                return relative.isEmpty ? path : base + (relative.hasPrefix("/") ? relative : "/" + relative)
            }
            for case let url as URL in enumerator {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      fnmatch(glob, url.lastPathComponent, 0) == 0 else { continue }
                let file = userPath(url)
                try checkReadableText(file)
                found.append(file)
            }
            if let unlisted {
                let reason = posixCode(of: unlisted.error).map { String(cString: strerror($0)) } ?? "cannot list the folder"
                throw PipelineError.unreadable(path: userPath(unlisted.url), reason: reason)
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    private static func checkReadableText(_ path: String) throws {
        if access(path, R_OK) != 0 {
            throw PipelineError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        try TextFileCheck.check(path: path)
    }
}
