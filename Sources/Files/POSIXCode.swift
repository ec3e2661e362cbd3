import Foundation

/// The errno a Foundation file error carries as its underlying POSIX error, if any
/// (FileManager wraps it: "permission denied" is `NSFileWriteNoPermissionError` over EACCES).
public func posixCode(of error: Error) -> Int32? {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    return underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
}
