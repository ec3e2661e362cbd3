import Files

extension OutputTarget {
    /// `path` checked as every command checks an output, before its work: it can be
    /// written (`OutputTarget(checking:creatingFolders:)`), it is none of `inputs` (`-`:
    /// a file redirected to standard input), and it is no cache database, existing or not
    /// (`cache`'s `--db`, or the default one; `CacheOptions.databaseFiles`).
    static func checked(_ path: String, inputs: [String], cache: CacheOptions? = nil,
                        creatingFolders: Bool = false) throws -> OutputTarget {
        let target = try OutputTarget(checking: path, creatingFolders: creatingFolders)
        try target.refuseOverwriting(inputs: inputs)
        try target.refuseReplacing(databaseFiles: CacheOptions.databaseFiles(besides: cache?.databasePath))
        return target
    }
}
