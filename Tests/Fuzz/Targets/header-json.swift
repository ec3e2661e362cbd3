// Fuzz target: the safetensors header's JSON reader (`HeaderJSON`), on its own.
//
// Differential: whatever it accepts, Foundation's `JSONSerialization` must accept too
// and read as the same value (numbers compared as `Double`, which is all HeaderJSON
// keeps, to 12 digits). The reverse does not hold by design: HeaderJSON refuses nesting deeper than
// 32 and strings that are not valid UTF-8. One difference is left alone: a number too
// large for a Double (`1e999`) reads as infinity where Foundation refuses the document;
// no header field takes such a number (shapes and offsets are bounded), so the file is
// refused either way.
import Foundation
@testable import Model

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeaderJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    guard let value = try? HeaderJSON.parse(UnsafeRawBufferPointer(bytes)), allNumbersFinite(value) else { return 0 }
    let foundation: Any
    do {
        foundation = try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
    } catch {
        fuzzCheck(false, "HeaderJSON accepts what JSONSerialization refuses (\(error))")
        return 0
    }
    fuzzCheck(sameJSON(value, foundation), "HeaderJSON read \(value), JSONSerialization \(foundation)")
    return 0
}

private func sameJSON(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case let (a as [String: Any], b as [String: Any]):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { sameJSON(value, $0) } ?? false }
    case let (a as [Any], b as [Any]):
        return a.count == b.count && zip(a, b).allSatisfy(sameJSON)
    case let (a as String, b as String):
        return a == b
    case (is NSNull, is NSNull):
        return true
    case let (a as NSNumber, b as NSNumber):
        // Foundation keeps integers past 2^64 as decimals whose Double is a few ulps off
        // the correctly rounded one HeaderJSON gets from `Double(text)`.
        let x = a.doubleValue, y = b.doubleValue
        return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    default:
        return false
    }
}

private func allNumbersFinite(_ value: Any) -> Bool {
    switch value {
    case let object as [String: Any]: return object.values.allSatisfy(allNumbersFinite)
    case let array as [Any]: return array.allSatisfy(allNumbersFinite)
    case let number as NSNumber: return number.doubleValue.isFinite
    default: return true
    }
}
