import Foundation

/// Read-only view of a parsed JSON document, for assertions in tests.
///
/// Wraps the immutable output of `JSONSerialization`, hence `@unchecked Sendable`.
struct JSONTree: @unchecked Sendable, CustomStringConvertible {
    /// The underlying Foundation value (`NSDictionary`, `NSArray`, `NSNumber`, `NSString`, `NSNull`).
    let raw: Any

    /// Parses `data`; throws if it is not JSON.
    init(data: Data) throws {
        raw = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    private init(raw: Any) { self.raw = raw }

    /// Member `key` of an object, or `nil`.
    subscript(key: String) -> JSONTree? {
        guard let object = raw as? [String: Any], let value = object[key] else { return nil }
        return JSONTree(raw: value)
    }

    /// Element `index` of an array, or `nil`.
    subscript(index: Int) -> JSONTree? {
        guard let array = raw as? [Any], array.indices.contains(index) else { return nil }
        return JSONTree(raw: array[index])
    }

    /// The elements if this is an array.
    var array: [JSONTree]? { (raw as? [Any])?.map { JSONTree(raw: $0) } }

    /// The member names if this is an object.
    var keys: Set<String>? { (raw as? [String: Any]).map { Set($0.keys) } }

    /// The string value, if this is a string.
    var string: String? { raw as? String }

    /// The integer value, if this is a whole number.
    var int: Int? {
        guard let number = raw as? NSNumber, !(raw is String) else { return nil }
        let value = number.doubleValue
        guard value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return number.intValue
    }

    /// Whether this is JSON `null`.
    var isNull: Bool { raw is NSNull }

    var description: String {
        guard JSONSerialization.isValidJSONObject(raw),
            let data = try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys])
        else { return String(describing: raw) }
        return String(decoding: data, as: UTF8.self)
    }
}
