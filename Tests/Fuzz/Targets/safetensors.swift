// Fuzz target: the safetensors reader (length prefix, JSON header, tensor data).
//
// A file it accepts must come back the same from `serialized()` and a second parse:
// metadata, tensor names, storage, shapes and value bits.
@testable import Model

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(fuzzBytes(data, size))
    let file: SafetensorsFile
    do {
        file = try SafetensorsFile.parse(bytes, file: "fuzz.safetensors")
    } catch is ModelFileError {
        return 0
    } catch {
        fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
        return 0
    }
    let written = file.serialized()
    let reread: SafetensorsFile
    do {
        reread = try written.withUnsafeBytes { try SafetensorsFile.parse($0, file: "rewritten") }
    } catch {
        fuzzCheck(false, "serialized file does not parse: \(error)")
        return 0
    }
    fuzzCheck(reread.metadata == file.metadata, "metadata \(file.metadata) came back as \(reread.metadata)")
    fuzzCheck(reread.tensors.count == file.tensors.count, "\(file.tensors.count) tensors came back as \(reread.tensors.count)")
    for (before, after) in zip(file.tensors, reread.tensors) {
        fuzzCheck(before.name == after.name && before.storage == after.storage && before.shape == after.shape,
                  "tensor \(before.name.debugDescription) came back as \(after.name.debugDescription) \(after.storage) \(after.shape)")
        // Float16 NaNs may change payload when narrowed again; every other value keeps its bits.
        for (x, y) in zip(before.values, after.values) where !(before.storage == .float16 && x.isNaN) {
            fuzzCheck(x.bitPattern == y.bitPattern, "tensor \(before.name.debugDescription): \(x) came back as \(y)")
        }
    }
    return 0
}
