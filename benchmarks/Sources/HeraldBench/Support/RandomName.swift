import Foundation

/// Random identifiers of one run (queue names, `Client-ID`).
enum RandomName {
    /// `prefix` followed by `length` random lowercase hex digits, e.g. `bench-notify-3f9a0c1e`.
    static func hex(prefix: String, length: Int = 8) -> String {
        let digits = Array("0123456789abcdef")
        return prefix + String((0..<length).map { _ in digits[Int.random(in: 0..<16)] })
    }

    /// A random UUID in lowercase text form, as Zaqar expects for `Client-ID`.
    static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
